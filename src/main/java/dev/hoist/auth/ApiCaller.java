package dev.hoist.auth;

import dev.hoist.access.Caller;
import dev.hoist.model.AccessToken;
import dev.hoist.model.Account;
import dev.hoist.model.OrganizationToken;
import dev.hoist.registry.ErrorCode;
import dev.hoist.registry.RegistryException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
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

    @Inject
    ApiTokens apiTokens;

    /**
     * The caller of Docker Hub's JSON API ({@code /v2/users/…}, {@code /v2/repositories/…}):
     * anonymous without an {@code Authorization} header; else an API token from
     * {@code /v2/users/login} as {@code Bearer} or {@code JWT} (the schemes Docker's tools send), a
     * personal or organization access token alone as {@code Bearer}, or {@code Basic} credentials as at
     * {@code /token}. Registry tokens are not accepted here. Refusals are {@link RegistryException}s
     * (401, or 429 with Retry-After) that the API writes in its own format.
     */
    public Caller caller(String authorization, String address, URI base) {
        if (authorization == null || authorization.isBlank()) {
            return Caller.anonymous();
        }
        String header = authorization.trim();
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            Caller caller = credentials.fromBasic(header, address);
            if (caller.account() == null && !caller.isOrganizationToken()) {
                throw new RegistryException(ErrorCode.UNAUTHORIZED, "incorrect username or password");
            }
            return caller;
        }
        String value = null;
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            value = header.substring(7).trim();
        } else if (header.regionMatches(true, 0, "JWT ", 0, 4)) {
            value = header.substring(4).trim();
        }
        if (value == null) {
            throw new RegistryException(ErrorCode.UNAUTHORIZED, "the " + header.split(" ", 2)[0] + " scheme is not accepted here");
        }
        if (value.startsWith(AccessToken.PREFIX) || value.startsWith(OrganizationToken.PREFIX)) {
            return credentials.fromTokenAlone(value, address);
        }
        return apiTokens.verify(value)
                .orElseThrow(() -> new RegistryException(ErrorCode.UNAUTHORIZED, "invalid or expired token"));
    }

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
