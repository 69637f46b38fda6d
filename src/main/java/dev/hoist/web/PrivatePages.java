package dev.hoist.web;

import dev.hoist.auth.SessionCookie;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Pages made for one person must stay in that person's browser, and only for as long as they are
 * on screen: any response that sets a cookie, and any page or JSON answered to a request that
 * carries a session, says {@code Cache-Control: private, no-store}. Decided as the headers go
 * out, so error pages and cookies added by any filter count too. Static files stay cacheable.
 */
@ApplicationScoped
public class PrivatePages {

    static final String NO_STORE = "private, no-store";

    void install(@Observes Router router) {
        router.route().order(-1000).handler(PrivatePages::markWhenPrivate);
    }

    private static void markWhenPrivate(RoutingContext routing) {
        boolean withSession = routing.request().getCookie(SessionCookie.NAME) != null;
        routing.addHeadersEndHandler(done -> {
            MultiMap headers = routing.response().headers();
            String type = headers.get("Content-Type");
            boolean dynamic = type != null && (type.startsWith("text/html") || type.startsWith("application/json"));
            if (headers.contains("Set-Cookie") || (withSession && dynamic)) {
                headers.set("Cache-Control", NO_STORE);
            }
        });
        routing.next();
    }
}
