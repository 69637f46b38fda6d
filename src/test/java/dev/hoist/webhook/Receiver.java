package dev.hoist.webhook;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP receiver of webhooks on 127.0.0.2 (the test profile allows that one address; the rest
 * of loopback stays refused). Answers each request with the status {@code answer} gives for its
 * number (1, 2, …), after {@code delay}.
 */
public class Receiver implements AutoCloseable {

    /** One request as it arrived. */
    public record Request(String method, String path, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    public static final String HOST = "127.0.0.2";

    private final HttpServer server;
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile IntUnaryOperator answer = n -> 200;
    private volatile Duration delay = Duration.ZERO;
    private boolean closed;

    public Receiver() throws IOException {
        this(HOST, 0);
    }

    /** A receiver on {@code host} (127.0.0.1 for one Hoist must refuse to call) and {@code port} (0: any). */
    public Receiver(String host, int port) throws IOException {
        this(host, port, null);
    }

    /** An HTTPS receiver on 127.0.0.2 presenting the key and certificate of {@code tls}. */
    public static Receiver https(SSLContext tls) throws IOException {
        return new Receiver(HOST, 0, tls);
    }

    private Receiver(String host, int port, SSLContext tls) throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), port);
        if (tls == null) {
            server = HttpServer.create(address, 50);
        } else {
            HttpsServer secure = HttpsServer.create(address, 50);
            secure.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = secure;
        }
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.createContext("/", exchange -> {
            int n = count.incrementAndGet();
            try (InputStream in = exchange.getRequestBody()) {
                received.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                        Map.copyOf(exchange.getRequestHeaders()), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            sleep(delay);
            byte[] reply = ("{\"received\":" + n + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Receiver", "test");
            exchange.sendResponseHeaders(answer.applyAsInt(n), reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
    }

    public Receiver answering(IntUnaryOperator statusForRequestNumber) {
        this.answer = statusForRequestNumber;
        return this;
    }

    public Receiver slow(Duration delay) {
        this.delay = delay;
        return this;
    }

    public String url(String path) {
        return (server instanceof HttpsServer ? "https://" : "http://") + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + path;
    }

    public List<Request> received() {
        return new ArrayList<>(received);
    }

    /** Waits up to {@code timeout} for at least {@code n} requests. */
    public List<Request> await(int n, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (received.size() < n && System.nanoTime() < end) {
            sleep(Duration.ofMillis(50));
        }
        if (received.size() < n) {
            throw new AssertionError("Expected " + n + " requests, got " + received.size() + ": " + received);
        }
        return received();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.stop(0);
        }
    }
}
