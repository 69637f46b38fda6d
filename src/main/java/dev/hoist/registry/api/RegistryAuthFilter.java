package dev.hoist.registry.api;

import dev.hoist.auth.BearerCredentials;
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

    @ServerRequestFilter
    public void readToken(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().startsWith("/v2")) {
            bearer.claims(request.getHeaderString(HttpHeaders.AUTHORIZATION)).ifPresent(caller::authenticated);
        }
    }
}
