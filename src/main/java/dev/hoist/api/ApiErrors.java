package dev.hoist.api;

import dev.hoist.model.Forbidden;
import dev.hoist.model.ImmutableTagException;
import dev.hoist.model.InvalidInputException;
import dev.hoist.model.NotFound;
import dev.hoist.platform.DatabaseOutage;
import dev.hoist.quota.QuotaExceededException;
import dev.hoist.registry.ErrorCode;
import dev.hoist.registry.RegistryException;
import dev.hoist.registry.api.ErrorResponses;
import dev.hoist.registry.api.RegistryErrors;
import dev.hoist.web.ErrorPages;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Errors of the JSON API in Docker Hub's shape: {@code {"detail": …, "message": …}}, with
 * {@code "errors": {"field": ["…"]}} for validation. Domain exceptions are answered here for API
 * paths ({@link ApiPaths}) and, for every other path, exactly as the portal answers them, which
 * is why these mappers come before the portal's ({@code web/ErrorPages}).
 */
public class ApiErrors {

    private static final Logger LOG = Logger.getLogger(ApiErrors.class);

    @Inject
    ErrorResponses registryErrors;

    /** Before the portal's mappers of the same exceptions (priority {@code USER}). */
    private static final int BEFORE_PAGES = Priorities.USER - 100;

    public static final String NOT_FOUND = "Not found.";
    public static final String FORBIDDEN = "You do not have permission to perform this action.";

    @ServerExceptionMapper(priority = BEFORE_PAGES)
    public Response api(ApiException e) {
        Response.ResponseBuilder response = json(e.status, e.getMessage(), null);
        e.headers.forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper(priority = BEFORE_PAGES)
    public Response notFound(NotFound e, UriInfo uri) {
        return ApiPaths.isApi(uri.getPath()) ? json(404, NOT_FOUND, null).build() : ErrorPages.notFound();
    }

    @ServerExceptionMapper(priority = BEFORE_PAGES)
    public Response forbidden(Forbidden e, UriInfo uri) {
        return ApiPaths.isApi(uri.getPath()) ? json(403, FORBIDDEN, null).build() : ErrorPages.forbidden();
    }

    @ServerExceptionMapper(priority = BEFORE_PAGES)
    public Response invalid(InvalidInputException e, UriInfo uri) {
        if (!ApiPaths.isApi(uri.getPath())) {
            return ErrorPages.unexpected(e);
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        e.errors().all().forEach((field, message) -> fields.put(field, List.of(message)));
        return json(400, e.getMessage(), fields).build();
    }

    @ServerExceptionMapper(priority = BEFORE_PAGES)
    public Response quota(QuotaExceededException e, UriInfo uri) {
        if (!ApiPaths.isApi(uri.getPath())) {
            return ErrorPages.unexpected(e);
        }
        if (e.retryAfter().isEmpty()) {
            return json(403, e.getMessage(), null).build();
        }
        return json(429, e.getMessage(), null).header("Retry-After", e.retryAfterSeconds()).build();
    }

    /**
     * The registry's refusals met on an API path: the registry's catch-all for paths no route takes
     * (an API word with no endpoint yet), and refused credentials. Elsewhere the registry's format.
     */
    @ServerExceptionMapper(priority = BEFORE_PAGES)
    public Response registry(RegistryException e, UriInfo uri) {
        if (!ApiPaths.isApi(uri.getPath())) {
            return registryErrors.response(e, uri.getBaseUri());
        }
        return api(e.code == ErrorCode.NAME_UNKNOWN ? new ApiException(404, NOT_FOUND) : ApiCallers.translated(e));
    }

    /**
     * An immutable tag refused a push or a delete: 403 naming the rule, as {@code DENIED} on the
     * registry's paths, in the API's shape on its paths; pages catch it themselves.
     */
    @ServerExceptionMapper(priority = BEFORE_PAGES)
    public Response immutableTag(ImmutableTagException e, UriInfo uri) {
        if (ApiPaths.isApi(uri.getPath())) {
            return json(403, "The " + e.getMessage() + ".", null).build();
        }
        if (uri.getPath().startsWith("/v2/")) {
            return registryErrors.response(new RegistryException(ErrorCode.DENIED, e.getMessage()), uri.getBaseUri());
        }
        return ErrorPages.forbidden();
    }

    /** No such route, a method the route does not take, an unreadable body. */
    @ServerExceptionMapper(priority = BEFORE_PAGES)
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (!ApiPaths.isApi(uri.getPath())) {
            return new ErrorPages().webApplication(e);
        }
        int status = e.getResponse().getStatus();
        String detail = switch (status) {
            case 404 -> NOT_FOUND;
            case 405 -> "This path does not take that method.";
            case 406 -> "This path answers only in JSON.";
            case 415 -> "Send the body as application/json.";
            default -> status >= 500 ? "The request could not be completed." : "The request could not be understood.";
        };
        return json(status, detail, null).build();
    }

    /**
     * Anything else that went wrong on an API path: JSON a tool can read (503 with
     * {@code Retry-After} while the database is unavailable, else 500 with an incident number in
     * the log), never the portal's HTML page. Elsewhere the portal's page.
     */
    @ServerExceptionMapper(priority = BEFORE_PAGES)
    public Response unexpected(Throwable e, UriInfo uri) {
        return ApiPaths.isApi(uri.getPath()) ? unexpectedOnApi(e) : ErrorPages.unexpected(e);
    }

    /** Runtime exceptions have the registry's mapper too (a more specific type): this one comes first. */
    @ServerExceptionMapper(priority = BEFORE_PAGES)
    public Response unexpectedRuntime(RuntimeException e, UriInfo uri) {
        return ApiPaths.isApi(uri.getPath()) ? unexpectedOnApi(e) : RegistryErrors.unexpected(e, uri, registryErrors);
    }

    private static Response unexpectedOnApi(Throwable e) {
        if (DatabaseOutage.isCause(e)) {
            LOG.warnf("The database is unavailable: %s", e.toString());
            return json(503, "Hoist is temporarily unavailable: try again shortly.", null)
                    .header("Retry-After", ErrorPages.RETRY_AFTER_SECONDS).build();
        }
        String incident = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(e, "Unexpected error on the API, incident %s", incident);
        return json(500, "Hoist could not complete this request. If it happens again, give your administrator the"
                + " incident number " + incident + ".", null).build();
    }

    static Response.ResponseBuilder json(int status, String detail, Map<String, List<String>> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", detail);
        body.put("message", detail);
        if (fields != null) {
            body.put("errors", fields);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").entity(body);
    }
}
