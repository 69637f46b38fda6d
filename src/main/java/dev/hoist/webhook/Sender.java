package dev.hoist.webhook;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One HTTP attempt: a POST to the address {@link UrlGuard} checked (the URL's host only names it,
 * for the Host header and TLS), no redirects followed, everything within the timeout; keeps the
 * status, the headers both ways and the first 4 KiB of the answer.
 */
@ApplicationScoped
public class Sender {

    public static final int KEEP_BYTES = 4096;
    /** More than this of an answer is not read at all: the rest is of no use to the log. */
    private static final int READ_LIMIT = 64 * 1024;

    /** What one attempt got. {@code status} is null when no answer came (refused, timed out, unreachable). */
    public record Result(Integer status, long millis, String requestHeaders, String responseHeaders, String responseBody,
            String error) {

        public boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    @Inject
    Vertx vertx;

    @Inject
    WebhookConfig config;

    private volatile HttpClient client;

    /** Starts the POST and answers when it is over, in at most the timeout (never throws). */
    public CompletableFuture<Result> post(UrlGuard.Target target, Map<String, String> headers, String body) {
        long start = System.nanoTime();
        String sentHeaders = format(headers);
        long timeout = config.timeout().toMillis();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(target.uri().toString())
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setFollowRedirects(false)
                .setConnectTimeout(timeout)
                .setIdleTimeout(timeout);
        headers.forEach(options::putHeader);
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        Future<Result> attempt = client().request(options).compose(request -> {
            sent.set(request);
            return request.send(Buffer.buffer(body));
        }).compose(response -> {
            Promise<Result> done = Promise.promise();
            Buffer kept = Buffer.buffer();
            long[] read = {0};
            String received = format(response.headers());
            response.handler(chunk -> {
                read[0] += chunk.length();
                if (kept.length() < KEEP_BYTES) {
                    kept.appendBuffer(chunk.length() > KEEP_BYTES - kept.length() ? chunk.getBuffer(0, KEEP_BYTES - kept.length()) : chunk);
                }
                if (read[0] > READ_LIMIT) {
                    done.tryComplete(result(response.statusCode(), start, sentHeaders, received, kept, null));
                    response.request().reset();
                }
            });
            response.exceptionHandler(e -> done.tryComplete(result(response.statusCode(), start, sentHeaders, received, kept, null)));
            response.endHandler(v -> done.tryComplete(result(response.statusCode(), start, sentHeaders, received, kept, null)));
            return done.future();
        });
        CompletableFuture<Result> outcome = new CompletableFuture<>();
        attempt.onComplete(ar -> outcome.complete(ar.succeeded() ? ar.result()
                : new Result(null, millis(start), sentHeaders, null, null, describe(ar.cause()))));
        return outcome.completeOnTimeout(new Result(null, timeout, sentHeaders, null, null,
                "No answer within " + timeout / 1000 + " s"), timeout, TimeUnit.MILLISECONDS).whenComplete((r, e) -> {
                    HttpClientRequest request = sent.get();
                    if (request != null && r.status() == null) {
                        request.reset();
                    }
                });
    }

    private static Result result(int status, long start, String sentHeaders, String received, Buffer kept, String error) {
        return new Result(status, millis(start), sentHeaders, received, kept.toString(StandardCharsets.UTF_8), error);
    }

    private static long millis(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** The failure and its root cause: "Failed to create SSL connection" alone does not say which certificate check failed. */
    private static String describe(Throwable e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null && !text.contains(root.getMessage())) {
            text += " (" + root.getMessage() + ")";
        }
        return text.length() > 400 ? text.substring(0, 400) : text;
    }

    private static String format(Map<String, String> headers) {
        StringBuilder text = new StringBuilder();
        headers.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
        return text.toString();
    }

    private static String format(MultiMap headers) {
        StringBuilder text = new StringBuilder();
        headers.forEach(e -> text.append(e.getKey()).append(": ").append(e.getValue()).append('\n'));
        return text.length() > KEEP_BYTES ? text.substring(0, KEEP_BYTES) : text.toString();
    }

    private HttpClient client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    // Keep-alive off: every attempt connects to the address checked for it, never to an old one.
                    HttpClientOptions options = new HttpClientOptions().setKeepAlive(false).setMaxPoolSize(64)
                            .setForceSni(true).setVerifyHost(true).setConnectTimeout((int) config.timeout().toMillis());
                    ReceiverTrust.of(config.trustCertificates()).ifPresent(options::setTrustOptions);
                    client = vertx.createHttpClient(options);
                }
            }
        }
        return client;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
