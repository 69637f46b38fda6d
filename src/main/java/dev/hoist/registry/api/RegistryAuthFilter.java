package dev.hoist.registry.api;

import dev.hoist.registry.Registry;
import dev.hoist.registry.RegistryCaller;
import dev.hoist.registry.TokenService;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Reads the bearer token of {@code /v2/} requests; a bad or expired token counts as none. */
public class RegistryAuthFilter {

    @Inject
    TokenService tokens;

    @Inject
    RegistryCaller caller;

    @Inject
    Registry registry;

    @ServerRequestFilter
    public void readToken(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/v2")) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            tokens.verify(header.substring(7).trim(), registry.service()).ifPresent(caller::authenticated);
        }
    }
}
