package dev.hoist.auth;

import dev.hoist.model.Account;
import dev.hoist.registry.ErrorCode;
import dev.hoist.registry.RegistryException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;

/**
 * Who calls a JSON API: nobody without an {@code Authorization} header; otherwise the account of
 * {@code Basic} credentials (a password or a personal access token, checked by
 * {@link Credentials} exactly as {@code /token} checks them, lockout included) or of a
 * {@code Bearer} registry token. Wrong credentials are refused (401 in the registry's error JSON)
 * rather than treated as anonymous, so a typo never silently hides private results.
 */
@ApplicationScoped
public class ApiCaller {

    @Inject
    Credentials credentials;

    @Inject
    BearerCredentials bearer;

    public Optional<Account> from(String authorization, String address, UriInfo uri) {
        if (authorization == null || authorization.isBlank()) {
            return Optional.empty();
        }
        String header = authorization.trim();
        try {
            if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
                return Optional.ofNullable(credentials.fromBasic(header, address).account());
            }
            if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return bearer.resolve(header.substring(7));
            }
            String scheme = header.split(" ", 2)[0];
            throw new RegistryException(ErrorCode.UNAUTHORIZED, "the " + scheme + " scheme is not accepted here");
        } catch (RegistryException e) {
            if (e.code == ErrorCode.UNAUTHORIZED) {
                // This API asks for a password or token, not for the registry's token dance.
                e.challenge(new RegistryException.PasswordChallenge());
            }
            throw e;
        }
    }
}
