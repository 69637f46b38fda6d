package dev.hoist.auth;

import dev.hoist.access.Caller;
import dev.hoist.account.AccessTokenService;
import dev.hoist.account.LoginThrottle;
import dev.hoist.account.SignIn;
import dev.hoist.access.OrganizationTokenGrant;
import dev.hoist.model.AccessToken;
import dev.hoist.model.OrganizationToken;
import dev.hoist.org.OrgTokenService;
import dev.hoist.oidc.SignInOptions;
import dev.hoist.registry.ErrorCode;
import dev.hoist.registry.RegistryException;
import dev.hoist.registry.RegistryText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The credentials Docker clients send to {@code /token}: a username with a personal access token
 * or a password (local accounts, and only while local sign-in is on). Passwords count toward the
 * sign-in lockout of the account and the address; tokens toward a limit of the address alone.
 * Anonymous callers get an anonymous token.
 */
@ApplicationScoped
public class Credentials {

    /** Far above any username (30 characters) or e-mail address, and under the lockout key's 300. */
    private static final int MAX_USERNAME = 254;

    @Inject
    SignIn signIn;

    @Inject
    AccessTokenService tokens;

    @Inject
    OrgTokenService organizationTokens;

    @Inject
    LoginThrottle throttle;

    @Inject
    SignInOptions options;

    public Caller fromBasic(String authorization, String address) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Caller.anonymous();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RegistryException.unauthorized(null);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw RegistryException.unauthorized(null);
        }
        return check(decoded.substring(0, colon), decoded.substring(colon + 1), address);
    }

    public Caller check(String username, String secret, String address) {
        // No account has such a name; refused before it reaches the lockout table or an account query.
        if (username != null && !RegistryText.printable(username, MAX_USERNAME)) {
            throw new RegistryException(ErrorCode.NAME_INVALID, "invalid username");
        }
        String name = username == null ? "" : username.trim().toLowerCase();
        if (secret != null && secret.startsWith(AccessToken.PREFIX)) {
            return withToken(name, secret, address);
        }
        if (secret != null && secret.startsWith(OrganizationToken.PREFIX)) {
            return withOrganizationToken(name, secret, address);
        }
        if (!options.local()) {
            // Sign-in goes through the identity provider only; a password here would go around it.
            throw new RegistryException(ErrorCode.UNAUTHORIZED, "passwords are turned off here; use a personal access token");
        }
        SignIn.Result result = signIn.withPassword(name, secret, address);
        if (result.lockedFor() != null) {
            throw new RegistryException(ErrorCode.TOOMANYREQUESTS, "too many failed sign-in attempts; try again later")
                    .retryAfter(result.lockedFor());
        }
        if (result.account() == null) {
            throw new RegistryException(ErrorCode.UNAUTHORIZED, "incorrect username or password");
        }
        return new Caller(result.account(), null);
    }

    /**
     * A personal access token. Wrong passwords never lock tokens (or anyone could stop a user's CI
     * by typing their name with wrong passwords); wrong tokens are limited per client address.
     */
    private Caller withToken(String name, String secret, String address) {
        throttle.tokenLockedFor(address).ifPresent(wait -> {
            throw new RegistryException(ErrorCode.TOOMANYREQUESTS, "too many wrong tokens from this address; try again later")
                    .retryAfter(wait);
        });
        AccessToken token = tokens.check(name, secret).orElse(null);
        if (token == null) {
            throttle.tokenFailed(address);
            throw new RegistryException(ErrorCode.UNAUTHORIZED, "incorrect username or token");
        }
        return new Caller(token.account, token.scope.name(), token.uuid);
    }

    /**
     * An organization access token with its organization's name as the username ({@code docker
     * login -u acme}), or alone ({@code name} null). Wrong ones are limited per address, as personal
     * tokens are; a valid token with another organization's name is as wrong as any.
     */
    private Caller withOrganizationToken(String name, String secret, String address) {
        throttle.tokenLockedFor(address).ifPresent(wait -> {
            throw new RegistryException(ErrorCode.TOOMANYREQUESTS, "too many wrong tokens from this address; try again later")
                    .retryAfter(wait);
        });
        OrganizationToken token = organizationTokens.check(name, secret).orElse(null);
        if (token == null) {
            throttle.tokenFailed(address);
            throw new RegistryException(ErrorCode.UNAUTHORIZED, "incorrect organization name or token");
        }
        return Caller.of(OrganizationTokenGrant.of(token));
    }

    /**
     * A personal access token sent alone ({@code Authorization: Bearer hoist_pat_…} on the JSON
     * API), limited per address exactly as a token with a username.
     */
    public Caller fromTokenAlone(String secret, String address) {
        if (secret.startsWith(OrganizationToken.PREFIX)) {
            return withOrganizationToken(null, secret, address);
        }
        throttle.tokenLockedFor(address).ifPresent(wait -> {
            throw new RegistryException(ErrorCode.TOOMANYREQUESTS, "too many wrong tokens from this address; try again later")
                    .retryAfter(wait);
        });
        AccessToken token = tokens.check(secret).orElse(null);
        if (token == null) {
            throttle.tokenFailed(address);
            throw new RegistryException(ErrorCode.UNAUTHORIZED, "incorrect or inactive token");
        }
        return new Caller(token.account, token.scope.name(), token.uuid);
    }
}
