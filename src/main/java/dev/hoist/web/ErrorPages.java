package dev.hoist.web;

import dev.hoist.auth.SignInRequired;
import dev.hoist.model.Forbidden;
import dev.hoist.model.NotFound;
import dev.hoist.platform.DatabaseOutage;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Friendly pages for errors: the status, a sentence for people, never a stack trace. A database
 * that is down or frozen answers 503 "temporarily unavailable", never the 500 page.
 */
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(int status, String title, String message);

        static native TemplateInstance unavailable();
    }

    /** Seconds a client is asked to wait while the database is unavailable. */
    public static final int RETRY_AFTER_SECONDS = 5;

    public static Response page(int status, String title, String message) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.error(status, title, message))
                .build();
    }

    /** 503 while the database is down or frozen: a page that needs nothing from the database. */
    public static Response unavailable() {
        return Response.status(503)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .header("Cache-Control", "no-store")
                .entity(unavailablePage())
                .build();
    }

    /** The same page as text, for the gate that answers before any resource runs. */
    public static String unavailablePage() {
        return Templates.unavailable().render();
    }

    public static Response forbidden() {
        return page(403, "Forbidden", "You are not allowed to do that.");
    }

    public static Response notFound() {
        return page(404, "Page not found",
                "There is nothing here. The address may be mistyped, or the page may have been removed.");
    }

    @ServerExceptionMapper
    public Response signInRequired(SignInRequired e, UriInfo uri) {
        String back = uri.getRequestUri().getRawPath()
                + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery());
        return Redirects.to(Paths.signInThen(back))
                .build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFound e) {
        return notFound();
    }

    @ServerExceptionMapper
    public Response forbidden(Forbidden e) {
        return forbidden();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return switch (status) {
            case 404 -> notFound();
            case 405 -> page(405, "Not allowed", "This address does not accept that kind of request.");
            case 403 -> forbidden();
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
        if (DatabaseOutage.isCause(e)) {
            LOG.warnf("The database is unavailable: %s", e.toString());
            return unavailable();
        }
        String incident = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(e, "Unexpected error, incident %s", incident);
        return page(500, "Something went wrong",
                "Hoist could not complete this request. If it happens again, give your administrator the incident number "
                        + incident + ".");
    }
}
