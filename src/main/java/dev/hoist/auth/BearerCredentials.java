package dev.hoist.auth;

import dev.hoist.model.Account;
import dev.hoist.registry.ErrorCode;
import dev.hoist.registry.Registry;
import dev.hoist.registry.RegistryException;
import dev.hoist.registry.TokenService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** {@code Bearer <token>} from the registry's /token: its subject is the caller (none for an anonymous token). */
@ApplicationScoped
public class BearerCredentials {

    @Inject
    TokenService tokens;

    @Inject
    Registry registry;

    /** The grants of an {@code Authorization: Bearer} header's registry token; empty for none, a bad or an expired one. */
    public Optional<TokenService.Claims> claims(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return tokens.verify(authorization.substring(7).trim(), registry.service());
    }

    public Optional<Account> resolve(String token) {
        TokenService.Claims claims = tokens.verify(token.trim(), registry.service())
                .orElseThrow(() -> new RegistryException(ErrorCode.UNAUTHORIZED, "invalid or expired token"));
        if (claims.subject() == null || claims.subject().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Account.findByUsername(claims.subject())
                .orElseThrow(() -> new RegistryException(ErrorCode.UNAUTHORIZED, "the token's account no longer exists")));
    }
}
