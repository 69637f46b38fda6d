package dev.hoist.registry;

import dev.hoist.model.Account;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** Who calls the registry in this request, from the bearer token the filter verified. */
@RequestScoped
public class RegistryCaller {

    private TokenService.Claims claims;
    private Optional<Account> account;

    public void authenticated(TokenService.Claims claims) {
        this.claims = claims;
    }

    public boolean hasToken() {
        return claims != null;
    }

    /** Whether the token grants {@code action} on repository {@code name}. */
    public boolean granted(String name, String action) {
        return claims != null && claims.grants().stream().anyMatch(g -> g.allows("repository", name, action));
    }

    public boolean grantedCatalog() {
        return claims != null && claims.grants().stream().anyMatch(g -> g.allows("registry", "catalog", "*"));
    }

    /** The signed-in account behind the token; empty for anonymous tokens or a deleted account. */
    public Optional<Account> account() {
        if (account == null) {
            String subject = claims == null ? "" : claims.subject();
            account = subject == null || subject.isEmpty() ? Optional.empty() : Account.findByUsername(subject);
        }
        return account;
    }

    /** The account's name in the token; empty for anonymous tokens. */
    public String subject() {
        return claims == null || claims.subject() == null ? "" : claims.subject();
    }

    /** The account's grant generation when the token was issued. */
    public long generation() {
        return claims == null ? 0 : claims.generation();
    }

    /** The personal access token's scope (READ/WRITE/ADMIN) if one was used, else null. */
    public String tokenScope() {
        return claims == null ? null : claims.tokenScope();
    }
}
