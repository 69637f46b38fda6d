package dev.hoist.search;

import dev.hoist.account.Account;
import java.util.Optional;

/**
 * Turns the credentials of one {@code Authorization} scheme into an account, for the JSON APIs:
 * {@link BasicCredentials} (a password or a personal access token) and {@link BearerCredentials}
 * (a registry token). Another scheme is another bean.
 */
public interface CredentialResolver {

    /** The scheme, as in {@code Authorization: <scheme> <credentials>}, compared without case. */
    String scheme();

    /**
     * @param credentials what follows the scheme in the header
     * @param address the client's address, for the sign-in limits
     * @return the account, or empty for credentials that stand for nobody (an anonymous registry token)
     * @throws dev.hoist.registry.RegistryException UNAUTHORIZED when wrong, TOOMANYREQUESTS while locked out
     */
    Optional<Account> resolve(String credentials, String address);
}
