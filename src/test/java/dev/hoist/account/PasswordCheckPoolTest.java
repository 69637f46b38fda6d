package dev.hoist.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The password check pool: bounded, and names without a password cost it no CPU. */
class PasswordCheckPoolTest {

    /** A stand-in for bcrypt that takes 100 ms of a thread. */
    private static boolean slowCheck(String password, String hash) {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return password.equals(hash);
    }

    @Test
    void noMoreChecksRunAtOnceThanThePoolHasThreads() throws Exception {
        try (PasswordCheckPool pool = new PasswordCheckPool(2, 100, PasswordCheckPoolTest::slowCheck, Duration.ofMillis(100));
                Flood flood = new Flood(20)) {
            List<Future<Boolean>> results = flood.send(20, i -> pool.matches("p" + i, i == 7 ? "p7" : "other", false));

            for (int i = 0; i < 20; i++) {
                assertEquals(i == 7, results.get(i).get(10, TimeUnit.SECONDS), "check " + i);
            }
            assertEquals(2, pool.mostRunning(), "20 parallel checks ran two at a time");
        }
    }

    @Test
    void aFloodOfUnknownNamesDoesNotDelayARealSignIn() throws Exception {
        try (PasswordCheckPool pool = new PasswordCheckPool(1, 1000, PasswordCheckPoolTest::slowCheck, Duration.ofMillis(100));
                Flood flood = new Flood(200)) {
            List<Future<Boolean>> unknown = flood.send(200, i -> pool.matches("guess" + i, null, true));
            Thread.sleep(20);

            long start = System.nanoTime();
            boolean ok = pool.matches("right", "right", false);
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertTrue(ok);
            assertTrue(took < 600, "behind 200 unknown names a real check took " + took + " ms, not 200 × 100 ms");
            for (Future<Boolean> f : unknown) {
                assertFalse(f.get(10, TimeUnit.SECONDS));
            }
            assertEquals(1, pool.mostRunning(), "unknown names never held a check thread");
        }
    }

    @Test
    void suspectChecksWaitBehindEveryoneElse() throws Exception {
        try (PasswordCheckPool pool = new PasswordCheckPool(1, 100, PasswordCheckPoolTest::slowCheck, Duration.ofMillis(100));
                Flood flood = new Flood(10)) {
            // Ten guesses at real names, from addresses that failed already: 10 × 100 ms of checks.
            List<Future<Boolean>> guesses = flood.send(10, i -> pool.matches("guess", "name" + i, true));
            Thread.sleep(20);

            long start = System.nanoTime();
            assertTrue(pool.matches("right", "right", false));
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertTrue(took < 500, "a fresh sign-in waited " + took + " ms behind ten suspect checks, not about 1 s");
            for (Future<Boolean> f : guesses) {
                assertFalse(f.get(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void anUnknownNameTakesAboutAsLongAsARealCheck() throws Exception {
        try (PasswordCheckPool pool = new PasswordCheckPool(1, 10, PasswordCheckPoolTest::slowCheck, Duration.ofMillis(100))) {
            long start = System.nanoTime();
            assertFalse(pool.matches("guess", "other", false));
            long known = System.nanoTime() - start;
            start = System.nanoTime();
            assertFalse(pool.matches("guess", null, false));
            long unknown = System.nanoTime() - start;

            assertTrue(Math.abs(known - unknown) < TimeUnit.MILLISECONDS.toNanos(80),
                    "known " + known / 1_000_000 + " ms, unknown " + unknown / 1_000_000 + " ms");
        }
    }

    @Test
    void aFullQueueRefusesInsteadOfGrowing() throws Exception {
        try (PasswordCheckPool pool = new PasswordCheckPool(1, 2, PasswordCheckPoolTest::slowCheck, Duration.ofMillis(100));
                Flood flood = new Flood(3)) {
            flood.send(3, i -> pool.matches("a", "b", false));
            Thread.sleep(30);

            assertThrows(PasswordCheckPool.Busy.class, () -> pool.matches("a", "b", false));
        }
    }

    /** Threads that send checks at once. */
    private static final class Flood implements AutoCloseable {
        private final ExecutorService threads;

        Flood(int size) {
            threads = Executors.newFixedThreadPool(size);
        }

        List<Future<Boolean>> send(int count, java.util.function.IntFunction<Boolean> check) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                results.add(threads.submit(() -> check.apply(n)));
            }
            return results;
        }

        @Override
        public void close() {
            threads.shutdownNow();
        }
    }
}
