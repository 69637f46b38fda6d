package dev.hoist.api;

import dev.hoist.access.Caller;
import dev.hoist.auth.ApiCaller;
import dev.hoist.auth.Credentials;
import dev.hoist.model.Account;
import dev.hoist.registry.ErrorCode;
import dev.hoist.registry.RegistryException;
import dev.hoist.registry.api.ErrorResponses;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.net.URI;

/**
 * The caller of this API request, found once by {@code auth/ApiCaller} (the one place that reads
 * credentials) and its refusals turned into the API's errors.
 */
@RequestScoped
public class ApiCallers {

    @Inject
    ApiCaller callers;

    @Inject
    Credentials credentials;

    @Inject
    RoutingContext routing;

    private Caller caller;

    /** The caller, anonymous when no credentials came; wrong credentials are refused, never anonymous. */
    public Caller caller() {
        if (caller == null) {
            String authorization = routing.request().getHeader(HttpHeaders.AUTHORIZATION);
            try {
                caller = callers.caller(authorization, address(), URI.create(routing.request().absoluteURI()).resolve("/"));
            } catch (RegistryException e) {
                throw translated(e);
            }
        }
        return caller;
    }

    /**
     * Checks a username with a password or personal access token, as {@code /token} does (limits
     * and lockouts included), for the API's sign-in endpoints.
     */
    public Caller signIn(String username, String secret) {
        try {
            return credentials.check(username, secret, address());
        } catch (RegistryException e) {
            throw translated(e);
        }
    }

    private String address() {
        SocketAddress remote = routing.request().remoteAddress();
        return remote == null || remote.hostAddress() == null ? "" : remote.hostAddress();
    }

    /** The signed-in caller, or 401. */
    public Caller signedIn() {
        Caller who = caller();
        if (who.isOrganizationToken()) {
            // It reads what its resources allow (through Access); changes through the API need a person.
            throw new ApiException(403, "An organization access token cannot do this; use a personal access token.");
        }
        if (who.account() == null) {
            throw ApiException.unauthorized("Authentication credentials were not provided.");
        }
        return who;
    }

    public Account account() {
        return signedIn().account();
    }

    /** The registry's refusals of credentials, in the API's words and status, with their Retry-After. */
    public static ApiException translated(RegistryException e) {
        ApiException api = e.code == ErrorCode.UNAUTHORIZED ? ApiException.unauthorized(e.getMessage())
                : new ApiException(ErrorResponses.status(e.code), e.getMessage());
        e.retryAfter().ifPresent(wait -> api.header("Retry-After", String.valueOf(Math.max(1, wait.toSeconds()))));
        return api;
    }
}
