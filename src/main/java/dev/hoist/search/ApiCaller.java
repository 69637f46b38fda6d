package dev.hoist.search;

import dev.hoist.account.Account;
import dev.hoist.registry.ErrorCode;
import dev.hoist.registry.RegistryException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Who calls a JSON API: nobody without an {@code Authorization} header, otherwise the account its
 * credentials name, through the {@link CredentialResolver} of its scheme. Wrong credentials are
 * refused (401 in the registry's error JSON) rather than treated as anonymous, so a typo never
 * silently hides private results.
 */
@ApplicationScoped
public class ApiCaller {

    @Inject
    Instance<CredentialResolver> resolvers;

    public Optional<Account> from(String authorization, String address) {
        if (authorization == null || authorization.isBlank()) {
            return Optional.empty();
        }
        String header = authorization.trim();
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        String credentials = space < 0 ? "" : header.substring(space + 1);
        try {
            for (CredentialResolver resolver : resolvers) {
                if (resolver.scheme().equalsIgnoreCase(scheme)) {
                    return resolver.resolve(credentials, address);
                }
            }
            throw new RegistryException(ErrorCode.UNAUTHORIZED, "the " + scheme + " scheme is not accepted here");
        } catch (RegistryException e) {
            if (e.code == ErrorCode.UNAUTHORIZED) {
                e.header("WWW-Authenticate", "Basic realm=\"Hoist\"");
            }
            throw e;
        }
    }
}
