package dev.hoist.registry.api;

import dev.hoist.auth.BearerCredentials;
import dev.hoist.platform.RequestOrigin;
import dev.hoist.registry.RegistryCaller;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Gives {@code /v2/} requests the grants of their bearer token ({@code auth} reads it); a bad or expired token counts as none. */
public class RegistryAuthFilter {

    @Inject
    BearerCredentials bearer;

    @Inject
    RegistryCaller caller;

    @Inject
    RequestOrigin origin;

    @ServerRequestFilter
    public void readToken(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/v2")) {
            return;
        }
        bearer.claims(request.getHeaderString(HttpHeaders.AUTHORIZATION)).ifPresent(caller::authenticated);
        if (caller.tokenScope() != null) {
            // The grant came from a personal access token: the audit log says so (the grant knows its scope only).
            origin.actingToken("personal access token, " + caller.tokenScope());
        }
    }
}
