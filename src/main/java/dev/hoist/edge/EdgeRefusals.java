package dev.hoist.edge;

import dev.hoist.web.ErrorPages;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Turns a page request the edge refused ({@link EdgeRoutes}) into the 400 page, before any other filter or handler. */
public class EdgeRefusals {

    @ServerRequestFilter(preMatching = true, priority = 0)
    public Response refused(RoutingContext ctx) {
        String problem = ctx.get(EdgeRoutes.REFUSAL);
        return problem == null ? null : ErrorPages.page(400, "Bad request", problem);
    }
}
