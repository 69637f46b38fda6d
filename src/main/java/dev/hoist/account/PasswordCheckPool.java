package dev.hoist.account;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Password checks (bcrypt, deliberately slow) run on a few threads of their own, so a flood of
 * sign-ins queues instead of taking every core from pages and pulls. Suspect checks (a name or
 * address that already failed in this window) wait behind all others: a flood queues behind
 * itself, not in front of everyone. A check for a name with no password (no such account) knows its answer already: it
 * takes its turn in the queue like any other, then waits as long as a real check takes without
 * using the CPU, so a flood of made-up names costs nothing and still looks like real ones.
 */
final class PasswordCheckPool implements AutoCloseable {

    /** Compares a password with its stored hash. */
    interface Verifier {
        boolean matches(String password, String hash);
    }

    /** Too many checks are already waiting. */
    static final class Busy extends RuntimeException {
        Busy() {
            super("too many password checks waiting", null, false, false);
        }
    }

    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService decoys;
    private final Verifier verifier;
    private final AtomicLong typicalNanos;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();
    private final AtomicLong arrivals = new AtomicLong();
    private final int queue;

    PasswordCheckPool(int threads, int queue, Verifier verifier, Duration typical) {
        this.verifier = verifier;
        this.typicalNanos = new AtomicLong(typical.toNanos());
        this.queue = queue;
        this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new PriorityBlockingQueue<>(), named("hoist-password-check-"));
        this.decoys = Executors.newSingleThreadScheduledExecutor(named("hoist-password-decoy-"));
    }

    /**
     * Whether {@code password} matches {@code hash}; with no hash, false after a real check's time.
     * A {@code suspect} check runs only when no other check is waiting.
     */
    boolean matches(String password, String hash, boolean suspect) {
        if (workers.getQueue().size() >= queue) {
            throw new Busy();
        }
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        try {
            workers.execute(new Check(suspect, arrivals.incrementAndGet(), () -> run(password, hash, result)));
        } catch (RejectedExecutionException e) {
            throw new Busy();
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    /** How long a real check takes lately (what a check without a hash waits). */
    Duration typical() {
        return Duration.ofNanos(typicalNanos.get());
    }

    /** The most real checks that ever ran at once. */
    int mostRunning() {
        return mostRunning.get();
    }

    private void run(String password, String hash, CompletableFuture<Boolean> result) {
        if (hash == null) {
            decoys.schedule(() -> result.complete(false), typicalNanos.get(), TimeUnit.NANOSECONDS);
            return;
        }
        mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        long start = System.nanoTime();
        try {
            result.complete(verifier.matches(password, hash));
        } catch (RuntimeException e) {
            result.complete(false);
        } finally {
            running.decrementAndGet();
            long took = System.nanoTime() - start;
            typicalNanos.updateAndGet(t -> t - t / 8 + took / 8);
        }
    }

    /** Others before suspects, each in arrival order. */
    private record Check(boolean suspect, long arrival, Runnable work) implements Runnable, Comparable<Check> {
        @Override
        public void run() {
            work.run();
        }

        @Override
        public int compareTo(Check other) {
            return suspect != other.suspect ? Boolean.compare(suspect, other.suspect) : Long.compare(arrival, other.arrival);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        decoys.shutdownNow();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
