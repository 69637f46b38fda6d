package dev.hoist.edge;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Swagger UI ({@code /q/swagger-ui/}) starts itself with inline scripts and styles, which the
 * site's Content-Security-Policy ({@code script-src 'self'}, application.properties) forbids, so
 * the page would stay blank. Its pages alone get the same policy with inline code allowed; it
 * shows only Hoist's own OpenAPI document, and every other page keeps the strict one.
 */
@ApplicationScoped
public class SwaggerUiPolicy {

    static final String PATH = "/q/swagger-ui";

    static final String POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    void install(@Observes Router router) {
        router.route().order(-310).handler(ctx -> {
            String path = ctx.request().path();
            if (path.equals(PATH) || path.startsWith(PATH + "/")) {
                // Set as the headers go out, after the configured headers were added.
                ctx.addHeadersEndHandler(done -> ctx.response().headers().set("Content-Security-Policy", POLICY));
            }
            ctx.next();
        });
    }
}
