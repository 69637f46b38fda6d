package dev.hoist.registry.api;

import dev.hoist.platform.DatabaseWatch;
import dev.hoist.registry.Registry;
import dev.hoist.registry.RegistryException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * While {@link DatabaseWatch} finds the database down or frozen, {@code /v2/…} and {@code /token}
 * answer 503 UNAVAILABLE in OCI error JSON with Retry-After at once, before authentication or any
 * endpoint runs, so that clients retry instead of waiting on a server that does not answer.
 */
@ApplicationScoped
public class RegistryUnavailableGate {

    /** Before the portal's gate (-30) and the /token route (-10). */
    static final int ORDER = -40;

    @Inject
    DatabaseWatch watch;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        if (watch.isAvailable() || !RegistryErrors.isRegistryPath(ctx.normalizedPath())) {
            ctx.next();
            return;
        }
        RegistryException e = RegistryErrors.unavailable();
        ctx.response().setStatusCode(ErrorResponses.status(e.code))
                .putHeader("Content-Type", "application/json")
                .putHeader(Registry.API_VERSION_HEADER, Registry.API_VERSION)
                .putHeader("Cache-Control", "no-store");
        e.retryAfter().ifPresent(wait -> ctx.response().putHeader("Retry-After", String.valueOf(wait.toSeconds())));
        ctx.response().end(io.vertx.core.json.Json.encode(ErrorResponses.body(e)));
    }
}
