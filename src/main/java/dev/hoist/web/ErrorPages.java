package dev.hoist.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Friendly pages for errors: the status, a sentence for people, never a stack trace. */
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance error(int status, String title, String message);
    }

    public static Response page(int status, String title, String message) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.error(status, title, message))
                .build();
    }

    public static Response notFound() {
        return page(404, "Page not found",
                "There is nothing here. The address may be mistyped, or the page may have been removed.");
    }

    @ServerExceptionMapper
    public Response signInRequired(SignInRequired e, UriInfo uri) {
        String back = uri.getRequestUri().getRawPath()
                + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery());
        return Redirects.to("/login?next=" + java.net.URLEncoder.encode(back, java.nio.charset.StandardCharsets.UTF_8))
                .build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return switch (status) {
            case 404 -> notFound();
            case 405 -> page(405, "Not allowed", "This address does not accept that kind of request.");
            case 403 -> page(403, "Forbidden", "You are not allowed to do that.");
            case 415, 400 -> page(status, "Bad request", "The request could not be understood.");
            default -> status >= 500 ? serverError(e) : page(status, "Error " + status, "The request could not be completed.");
        };
    }

    @ServerExceptionMapper
    public Response unexpectedError(Throwable e) {
        return serverError(e);
    }

    /** For other mappers that meet an error they cannot explain. */
    public static Response unexpected(Throwable e) {
        return serverError(e);
    }

    private static Response serverError(Throwable e) {
        String incident = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(e, "Unexpected error, incident %s", incident);
        return page(500, "Something went wrong",
                "Hoist could not complete this request. If it happens again, give your administrator the incident number "
                        + incident + ".");
    }
}
