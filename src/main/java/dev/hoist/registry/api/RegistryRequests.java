package dev.hoist.registry.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The registry API never takes forms: whatever a client labels its body (bodiless POSTs often
 * come with no Content-Type, or a form one), it is bytes. Saying so before matching keeps the
 * portal's CSRF filter, which guards forms sent with cookies, off these bearer-token calls.
 */
public class RegistryRequests {

    @ServerRequestFilter(preMatching = true)
    public void defaultContentType(ContainerRequestContext request) {
        String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        boolean formLike = type == null || type.startsWith(MediaType.APPLICATION_FORM_URLENCODED)
                || type.startsWith(MediaType.MULTIPART_FORM_DATA) || type.startsWith(MediaType.TEXT_PLAIN);
        if (request.getUriInfo().getPath().startsWith("/v2/") && formLike) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_OCTET_STREAM);
        }
    }
}
