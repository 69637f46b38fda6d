package dev.hoist.edge;

import dev.hoist.platform.HoistConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The first handlers every request on the main port meets, on the event loop:
 * <ol>
 * <li>refuse a path or query that is not clean UTF-8 text ({@link RequestChecks});</li>
 * <li>cap the requests in progress per client address, except the registry's {@code /v2/} (whose
 * uploads have their own limits in {@code registry/UploadPool});</li>
 * <li>read every request body except blob uploads here, on the event loop, within a deadline and a
 * size limit, before any worker thread is taken: a client that sends a byte and stalls then holds
 * only a socket, never one of the worker threads every page needs;</li>
 * <li>refuse form fields that are not clean text.</li>
 * </ol>
 * Refusals on pages go on as a mark that {@link EdgeRefusals} turns into the 400 page (it needs the
 * layout); the JSON areas ({@code /v2/}, {@code /token}, {@code /v1/}, {@code /api/}) are answered here.
 */
@ApplicationScoped
public class EdgeRoutes {

    static final String REFUSAL = "hoist.edge.refusal";
    private static final String BODY_TIMER = "hoist.edge.body-timer";
    private static final Pattern BLOB_UPLOAD = Pattern.compile("/v2/.+/blobs/uploads(/[^/]*)?");
    /** Forms (a README of 100,000 characters, percent-encoded) and the JSON APIs. */
    private static final long PAGE_BODY_LIMIT = 2L << 20;
    /** Manifests are refused above 4 MiB by their endpoint, in the registry's words; this leaves it room to. */
    private static final long REGISTRY_BODY_LIMIT = 5L << 20;
    private static final long TOKEN_BODY_LIMIT = 64L << 10;

    @Inject
    HoistConfig config;

    @Inject
    Vertx vertx;

    private InFlight inFlight;

    void install(@Observes Router router) {
        inFlight = new InFlight(config.edge().addressConcurrency());
        BodyHandler pages = BodyHandler.create(false).setBodyLimit(PAGE_BODY_LIMIT);
        BodyHandler registry = BodyHandler.create(false).setBodyLimit(REGISTRY_BODY_LIMIT);
        BodyHandler token = BodyHandler.create(false).setBodyLimit(TOKEN_BODY_LIMIT);
        router.route().order(-300).handler(this::admit).failureHandler(this::failed);
        router.route().order(-290).handler(ctx -> readBody(ctx, pages, registry, token));
        router.route().order(-280).handler(this::checkBody);
    }

    private void admit(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String path = request.path();
        // Headers first: a refused page still goes through the REST layer, which fails on them.
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !RequestChecks.mediaType(contentType)) {
            // Answered here even for pages: the REST layer reads the header before any filter and fails on it.
            answerNow(ctx, 415, "UNSUPPORTED", "The Content-Type header is not a media type this server reads.");
            return;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && !accept.isBlank() && !RequestChecks.accept(accept)) {
            // The REST layer also fails on an unreadable Accept with 500, outside any mapper.
            answerNow(ctx, 400, "UNSUPPORTED", "The Accept header is not a list of media types.");
            return;
        }
        Optional<String> problem = RequestChecks.path(path).or(() -> RequestChecks.query(request.query()));
        if (problem.isPresent()) {
            refuse(ctx, problem.get(), path.startsWith("/v2") ? "NAME_INVALID" : "UNSUPPORTED");
            return;
        }
        Optional<String> credentials = RequestChecks.basicCredentials(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (credentials.isPresent()) {
            refuse(ctx, credentials.get(), "UNAUTHORIZED");
            return;
        }
        if (!path.startsWith("/v2/") && !path.equals("/v2")) {
            String address = address(request);
            if (!inFlight.enter(address)) {
                tooMany(ctx);
                return;
            }
            // Called when the response ends and also when the connection closes first.
            ctx.addEndHandler(done -> inFlight.leave(address));
        }
        ctx.next();
    }

    private void readBody(RoutingContext ctx, BodyHandler pages, BodyHandler registry, BodyHandler token) {
        HttpServerRequest request = ctx.request();
        String path = request.path();
        // HTTP/2 streams are left to the REST layer: after a body was read here, it fails to pause
        // an HTTP/2 request ("Request has already been read") and answers 500. Each stream has
        // its own flow control, and the per-address cap still holds.
        if (isBlobUpload(request) || !expectsBody(request) || request.version() == HttpVersion.HTTP_2) {
            ctx.next();
            return;
        }
        long timer = vertx.setTimer(config.edge().bodyTimeout().toMillis(), id -> {
            if (!request.isEnded() && !ctx.response().ended()) {
                ctx.response().setStatusCode(408).putHeader(HttpHeaders.CONNECTION, "close")
                        .end("The request body did not arrive in time.\n");
                request.connection().close();
            }
        });
        ctx.put(BODY_TIMER, timer);
        (path.startsWith("/v2/") ? registry : path.equals("/token") ? token : pages).handle(ctx);
    }

    private void checkBody(RoutingContext ctx) {
        Long timer = ctx.get(BODY_TIMER);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
        if (ctx.response().ended()) {
            return;
        }
        String type = Optional.ofNullable(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE)).orElse("").toLowerCase();
        Optional<String> problem = Optional.empty();
        if (type.startsWith("application/x-www-form-urlencoded") && ctx.body().buffer() != null) {
            // ISO-8859-1 keeps every byte as one char, so that RequestChecks sees the bytes the client sent.
            problem = RequestChecks.form(ctx.body().buffer().toString(StandardCharsets.ISO_8859_1));
        } else if (type.startsWith("multipart/")) {
            for (Map.Entry<String, String> field : ctx.request().formAttributes()) {
                problem = problem.or(() -> RequestChecks.decodedField(field.getKey()))
                        .or(() -> RequestChecks.decodedField(field.getValue()));
            }
        }
        if (problem.isPresent()) {
            refuse(ctx, problem.get(), "UNSUPPORTED");
            return;
        }
        ctx.next();
    }

    private void refuse(RoutingContext ctx, String message, String code) {
        if (!jsonArea(ctx.request().path())) {
            ctx.put(REFUSAL, message);
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(EdgeJson.error(code, message));
    }

    private void answerNow(RoutingContext ctx, int status, String code, String message) {
        ctx.response().setStatusCode(status);
        if (jsonArea(ctx.request().path())) {
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(EdgeJson.error(code, message));
        } else {
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=UTF-8").end(EdgeJson.page(status, message));
        }
    }

    /**
     * Requests Vert.x refuses before any handler (a path it cannot decode, such as {@code /u/%zz})
     * or a body over its limit: the same answer as the edge's own refusals, in the area's format.
     */
    private void failed(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (ctx.response().ended() || status < 400 || status >= 500) {
            ctx.next();
            return;
        }
        String message = status == 413 ? "The request body is too large." : "The request could not be understood.";
        ctx.response().setStatusCode(status);
        if (jsonArea(ctx.request().path())) {
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(EdgeJson.error(status == 413 ? "SIZE_INVALID" : "UNSUPPORTED", message));
        } else {
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=UTF-8").end(EdgeJson.page(status, message));
        }
    }

    private void tooMany(RoutingContext ctx) {
        String message = "Too many requests from your address at once; try again in a moment.";
        ctx.response().setStatusCode(429).putHeader("Retry-After", "5").putHeader(HttpHeaders.CONNECTION, "close");
        if (jsonArea(ctx.request().path())) {
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(EdgeJson.error("TOOMANYREQUESTS", message));
        } else {
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=UTF-8").end(message + "\n");
        }
    }

    static boolean jsonArea(String path) {
        return path.startsWith("/v2") || path.startsWith("/token") || path.startsWith("/v1/") || path.startsWith("/api/");
    }

    static boolean isBlobUpload(HttpServerRequest request) {
        HttpMethod method = request.method();
        return (method == HttpMethod.POST || method == HttpMethod.PATCH || method == HttpMethod.PUT)
                && BLOB_UPLOAD.matcher(request.path()).matches();
    }

    private static boolean expectsBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return (length != null && !length.equals("0")) || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    static String address(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }
}
