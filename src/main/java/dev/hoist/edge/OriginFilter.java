package dev.hoist.edge;

import dev.hoist.platform.RequestOrigin;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Tells the rest of Hoist (the audit log) which client address this request comes from, as the edge counts it. */
public class OriginFilter {

    @Inject
    RequestOrigin origin;

    @ServerRequestFilter(preMatching = true, priority = 1)
    public void remember(RoutingContext ctx) {
        origin.address(EdgeRoutes.address(ctx.request()));
    }
}
