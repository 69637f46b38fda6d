package dev.hoist.registry.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoist.access.Caller;
import dev.hoist.auth.Credentials;
import dev.hoist.platform.DatabaseOutage;
import dev.hoist.platform.RequestOrigin;
import dev.hoist.registry.ErrorCode;
import dev.hoist.registry.RegistryException;
import dev.hoist.registry.TokenIssuer;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /token}: the OAuth2 password grant some Docker clients use. It authenticates by the
 * credentials in its body, not by cookies, so it is served as a plain route, outside the CSRF
 * filter that guards the portal's forms.
 */
@ApplicationScoped
public class OAuthTokenRoute {

    private static final long MAX_BODY = 16 * 1024;

    @Inject
    Credentials credentials;

    @Inject
    TokenIssuer issuer;

    @Inject
    ObjectMapper json;

    @Inject
    ErrorResponses errors;

    void install(@Observes Router router) {
        router.post("/token").order(-10).handler(BodyHandler.create().setBodyLimit(MAX_BODY)).blockingHandler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            if (!"password".equals(ctx.request().getFormAttribute("grant_type"))) {
                throw new RegistryException(ErrorCode.UNSUPPORTED, "only the password grant is supported");
            }
            String address = ctx.request().remoteAddress().hostAddress();
            Arc.container().instance(RequestOrigin.class).get().address(address);
            Caller caller = credentials.check(ctx.request().getFormAttribute("username"),
                    ctx.request().getFormAttribute("password"), address);
            String scope = ctx.request().getFormAttribute("scope");
            write(ctx, 200, issuer.issue(caller, scope == null ? List.of() : List.of(scope.split(" "))), Map.of());
        } catch (RegistryException e) {
            writeError(ctx, e);
        } catch (RuntimeException e) {
            if (!DatabaseOutage.isCause(e)) {
                throw e;
            }
            writeError(ctx, RegistryErrors.unavailable());
        } finally {
            request.terminate();
        }
    }

    private void writeError(RoutingContext ctx, RegistryException e) {
        write(ctx, ErrorResponses.status(e.code), ErrorResponses.body(e),
                errors.headers(e, URI.create(ctx.request().absoluteURI()).resolve("/")));
    }

    private void write(RoutingContext ctx, int status, Object body, Map<String, String> headers) {
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store");
            headers.forEach(ctx.response()::putHeader);
            ctx.response().end(json.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            ctx.fail(e);
        }
    }
}
