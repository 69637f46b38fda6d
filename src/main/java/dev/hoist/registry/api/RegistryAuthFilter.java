package dev.hoist.registry.api;

import dev.hoist.platform.RequestOrigin;
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

    @Inject
    RequestOrigin origin;

    @ServerRequestFilter
    public void readToken(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/v2")) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            tokens.verify(header.substring(7).trim(), registry.service()).ifPresent(caller::authenticated);
            if (caller.tokenScope() != null) {
                // The grant came from a personal access token: the audit log says so (the grant knows its scope only).
                origin.actingToken("personal access token, " + caller.tokenScope());
            }
        }
    }
}
