package dev.hoist.web;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * quarkus-rest-csrf refuses a form without a valid token with an empty 400. A forged or
 * expired form is a refusal, not a malformed request: answer 403 with a page that says what
 * to do. Our own 400s always carry a page, so an empty one on an unverified form is the filter's.
 */
public class CsrfRefusal {

    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

    @ServerResponseFilter
    public void explain(ContainerRequestContext request, ContainerResponseContext response, RoutingContext routing) {
        if (response.getStatus() == 400 && !response.hasEntity() && UNSAFE.contains(request.getMethod())
                && routing.get("csrf_token_verified") == null) {
            response.setStatus(403);
            response.getHeaders().putSingle("Content-Type", MediaType.TEXT_HTML + ";charset=UTF-8");
            response.setEntity(ErrorPages.Templates.error(403, "This form has expired",
                    "The form was not sent from this page of Hoist, or it was open too long. Go back, reload the page and try again.")
                    .render());
        }
    }
}
