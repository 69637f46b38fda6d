package dev.hoist.registry;

import dev.hoist.access.Caller;
import dev.hoist.model.Account;
import dev.hoist.org.OrgTokenService;
import jakarta.inject.Inject;
import java.util.UUID;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** Who calls the registry in this request, from the bearer token the filter verified. */
@RequestScoped
public class RegistryCaller {

    private TokenService.Claims claims;
    private Optional<Account> account;
    private Optional<Caller> caller;

    @Inject
    OrgTokenService organizationTokens;

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

    /** Whether the token came from an organization access token (then there is no account). */
    public boolean isOrganizationToken() {
        return claims != null && claims.organizationToken() != null;
    }

    /**
     * Who acts, for {@link dev.hoist.access.Access}: the account capped by its personal token's
     * scope, or the organization access token if it is still live (empty when it was revoked,
     * deactivated or expired since the registry token was issued).
     */
    public Optional<Caller> caller() {
        if (caller == null) {
            if (isOrganizationToken()) {
                UUID id;
                try {
                    id = UUID.fromString(claims.organizationToken());
                } catch (IllegalArgumentException e) {
                    return caller = Optional.empty();
                }
                caller = organizationTokens.live(id).map(Caller::of);
            } else {
                caller = Optional.of(new Caller(account().orElse(null), tokenScope()));
            }
        }
        return caller;
    }

    /** The personal access token's scope (READ/WRITE/ADMIN) if one was used, else null. */
    public String tokenScope() {
        return claims == null ? null : claims.tokenScope();
    }
}
