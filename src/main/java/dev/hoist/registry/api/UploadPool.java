package dev.hoist.registry.api;

import dev.hoist.platform.HoistConfig;
import dev.hoist.registry.ErrorCode;
import dev.hoist.registry.RegistryException;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The threads that receive blob uploads, apart from the worker threads that serve pages and every
 * other request. Reading an upload blocks on the network for as long as the client takes, so each
 * upload holds one of these threads, never a worker; their number is capped overall and per caller
 * (429 beyond), and an upload slower than {@code hoist.edge.upload-min-rate} after its grace period
 * is cut, so that slow or stalled uploads cannot pile up.
 */
@ApplicationScoped
public class UploadPool {

    @Inject
    HoistConfig config;

    private final ConcurrentHashMap<String, Integer> perCaller = new ConcurrentHashMap<>();
    private ThreadPoolExecutor threads;

    private synchronized ThreadPoolExecutor threads() {
        if (threads == null) {
            AtomicInteger count = new AtomicInteger();
            // No queue: an upload either gets a thread now or a 429 now, never waits behind stalled ones.
            threads = new ThreadPoolExecutor(0, config.edge().uploads(), 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                    runnable -> {
                        Thread thread = new Thread(runnable, "hoist-upload-" + count.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
        }
        return threads;
    }

    /**
     * Runs {@code receive} with the body (guarded against stalling) on an upload thread and answers
     * with its response. {@code caller} names whose share of the threads it takes.
     */
    public CompletionStage<Response> receive(String caller, InputStream body, Function<InputStream, Response> receive) {
        if (!take(caller)) {
            throw tooMany("too many uploads at once from this account; finish some first");
        }
        CompletableFuture<Response> answer = new CompletableFuture<>();
        try {
            threads().execute(() -> {
                ManagedContext request = Arc.container().requestContext();
                request.activate();
                try {
                    answer.complete(receive.apply(new MinimumRate(body, config.edge().uploadMinRate(),
                            config.edge().uploadGrace().toNanos())));
                } catch (Throwable e) {
                    answer.completeExceptionally(e);
                } finally {
                    request.terminate();
                    give(caller);
                }
            });
        } catch (RejectedExecutionException e) {
            give(caller);
            throw tooMany("the registry is receiving as many uploads as it can; try again in a moment");
        }
        return answer;
    }

    private boolean take(String caller) {
        boolean[] taken = new boolean[1];
        int cap = config.edge().uploadsPerCaller();
        perCaller.compute(caller, (c, count) -> {
            int now = count == null ? 0 : count;
            if (now >= cap) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    private void give(String caller) {
        perCaller.computeIfPresent(caller, (c, count) -> count <= 1 ? null : count - 1);
    }

    private static RegistryException tooMany(String message) {
        return new RegistryException(ErrorCode.TOOMANYREQUESTS, message).retryAfter(java.time.Duration.ofSeconds(5));
    }

    @PreDestroy
    synchronized void stop() {
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    /** Fails the read when the upload, past its grace period, has averaged fewer bytes a second than the floor. */
    static final class MinimumRate extends java.io.FilterInputStream {
        private final long bytesPerSecond;
        private final long graceNanos;
        private final long start = System.nanoTime();
        private long received;

        MinimumRate(InputStream in, long bytesPerSecond, long graceNanos) {
            super(in);
            this.bytesPerSecond = bytesPerSecond;
            this.graceNanos = graceNanos;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(n);
            return n;
        }

        private void count(int n) throws IOException {
            if (n > 0) {
                received += n;
            }
            long elapsed = System.nanoTime() - start;
            if (n >= 0 && elapsed > graceNanos && received < bytesPerSecond * (elapsed / 1_000_000_000L)) {
                throw new IOException("the upload is slower than " + bytesPerSecond + " bytes a second");
            }
        }
    }
}
