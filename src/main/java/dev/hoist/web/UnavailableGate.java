package dev.hoist.web;

import dev.hoist.platform.DatabaseWatch;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * While {@link DatabaseWatch} finds the database down or frozen, every page answers the 503
 * "temporarily unavailable" page at once, before any resource, filter or session lookup runs:
 * no request waits on a server that does not answer, and none piles onto it when it comes back.
 * Static files and {@code /q/} (health, metrics) still answer. The registry has its own gate,
 * which runs first, for its paths.
 */
@ApplicationScoped
public class UnavailableGate {

    /** Before every route of the portal (the registry's gate is at -40, its /token route at -10). */
    static final int ORDER = -30;

    @Inject
    DatabaseWatch watch;

    private volatile String page;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (watch.isAvailable() || path.startsWith("/static/") || path.startsWith("/q/")) {
            ctx.next();
            return;
        }
        if (page == null) {
            page = ErrorPages.unavailablePage();
        }
        ctx.response().setStatusCode(503)
                .putHeader("Content-Type", "text/html;charset=UTF-8")
                .putHeader("Retry-After", String.valueOf(ErrorPages.RETRY_AFTER_SECONDS))
                .putHeader("Cache-Control", "no-store")
                .end(page);
    }
}
