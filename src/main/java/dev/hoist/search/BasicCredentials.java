package dev.hoist.search;

import dev.hoist.account.Account;
import dev.hoist.registry.Credentials;
import dev.hoist.registry.ErrorCode;
import dev.hoist.registry.RegistryException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code Basic base64(username:secret)}, the secret a password (checked by SignIn.withPassword) or
 * a personal access token, exactly as {@code /token} takes them: failures count toward the same lockout.
 */
@ApplicationScoped
public class BasicCredentials implements CredentialResolver {

    @Inject
    Credentials credentials;

    @Override
    public String scheme() {
        return "Basic";
    }

    @Override
    public Optional<Account> resolve(String encoded, String address) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(ErrorCode.UNAUTHORIZED, "malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new RegistryException(ErrorCode.UNAUTHORIZED, "malformed Basic credentials");
        }
        return Optional.of(credentials.check(decoded.substring(0, colon), decoded.substring(colon + 1), address).account());
    }
}
