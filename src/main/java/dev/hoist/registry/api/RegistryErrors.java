package dev.hoist.registry.api;

import dev.hoist.platform.DatabaseOutage;
import dev.hoist.registry.ErrorCode;
import dev.hoist.registry.Registry;
import dev.hoist.registry.RegistryException;
import dev.hoist.storage.BlobStoreException;
import dev.hoist.storage.StorageWriteException;
import dev.hoist.web.ErrorPages;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Writes every registry failure as OCI error JSON: {@code {"errors":[{"code":…,"message":…,"detail":…}]}}. */
public class RegistryErrors {

    private static final Logger LOG = Logger.getLogger(RegistryErrors.class);

    @Inject
    ErrorResponses errors;

    @ServerExceptionMapper
    public Response registryError(RegistryException e, UriInfo uri) {
        return response(e, uri);
    }

    /** Storage refusals (a bad upload id, a range past the end) are the client's error, not the server's. */
    @ServerExceptionMapper
    public Response storageError(BlobStoreException e, UriInfo uri) {
        return response(new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID, e.getMessage()), uri);
    }

    /**
     * The store's disk failed (full, read-only): an operator must act, so it is logged as an
     * error naming the store; the client is told to retry (503 with Retry-After), not blamed.
     * The partial bytes are already gone, so a retry starts clean.
     */
    @ServerExceptionMapper
    public Response storageFailure(StorageWriteException e, UriInfo uri) {
        LOG.errorf("%s (while serving %s)", e.getMessage(), uri.getPath());
        return response(new RegistryException(ErrorCode.UNAVAILABLE, "the registry cannot store data right now; try again later")
                .retryAfter(Duration.ofSeconds(ErrorPages.RETRY_AFTER_SECONDS)), uri);
    }

    /**
     * A client that hangs up in the middle of an upload breaks the request stream. The store has
     * already thrown the partial bytes away; answer in the registry's format, never with a 500 page.
     */
    @ServerExceptionMapper
    public Response brokenStream(UncheckedIOException e, UriInfo uri) {
        if (!uri.getPath().startsWith("/v2/")) {
            return ErrorPages.unexpected(e);
        }
        return response(new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID, "the upload was interrupted"), uri);
    }

    /**
     * A database outage (down, frozen, restarting) met by a registry request answers 503
     * UNAVAILABLE with Retry-After, which clients retry; on pages, and for every other failure,
     * {@link ErrorPages} keeps its handling (its own 503 page for an outage, the 500 page else).
     */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        return unexpected(e, uri, errors);
    }

    /** The same, for the API's mapper, which comes first and hands over what is not an API path. */
    public static Response unexpected(RuntimeException e, UriInfo uri, ErrorResponses errors) {
        if (isRegistryPath(uri.getPath()) && DatabaseOutage.isCause(e)) {
            return errors.response(unavailable(), uri.getBaseUri());
        }
        return ErrorPages.unexpected(e);
    }

    /** The registry's own paths: the API and its token endpoint. */
    public static boolean isRegistryPath(String path) {
        return path.equals("/v2") || path.startsWith("/v2/") || path.equals("/token");
    }

    public static RegistryException unavailable() {
        return new RegistryException(ErrorCode.UNAVAILABLE, "the registry's database is unavailable; try again shortly")
                .retryAfter(Duration.ofSeconds(ErrorPages.RETRY_AFTER_SECONDS));
    }

    private Response response(RegistryException e, UriInfo uri) {
        return errors.response(e, uri.getBaseUri());
    }
}
