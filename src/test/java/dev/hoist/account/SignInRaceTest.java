package dev.hoist.account;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Guesses sent all at once must not get past the lockout: every attempt is counted before its
 * password is checked, so at most the limit (5 per account) are ever checked in a window.
 */
@QuarkusTest
class SignInRaceTest {

    @Test
    void parallelTokenGuessesCheckAtMostTheLimit() throws Exception {
        String victim = Visitor.uniqueName("race");
        Visitor.signedUp(victim);
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch someAnswered = new CountDownLatch(50);
        List<Callable<Integer>> guesses = new ArrayList<>();
        for (int i = 0; i < 99; i++) {
            String guess = "guess-" + i;
            guesses.add(() -> {
                start.await();
                int status = tokenStatus("10.30.0.1", victim, guess);
                someAnswered.countDown();
                return status;
            });
        }
        // The right password is one of the burst, sent while the others are still arriving.
        guesses.add(() -> {
            start.await();
            someAnswered.await(30, TimeUnit.SECONDS);
            return tokenStatus("10.30.0.1", victim, "password123");
        });

        List<Integer> statuses = runAtOnce(guesses, start);

        long checked = statuses.stream().filter(s -> s != 429).count();
        assertTrue(checked <= 5, "at most 5 of 100 parallel guesses are checked, not " + checked + ": " + statuses);
        assertEquals(429, statuses.get(99), "the right password gets no token once the account is locked");
        assertEquals(429, tokenStatus("10.30.9.9", victim, "password123"), "locked from every address");
    }

    @Test
    void parallelWebSignInsCheckAtMostTheLimit() throws Exception {
        String victim = Visitor.uniqueName("wrace");
        Visitor.signedUp(victim);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Visitor attacker = new Visitor().from("10.31.0.1");
            String token = csrfToken(attacker);
            String guess = "guess-" + i;
            attempts.add(() -> {
                start.await();
                return attacker.post("/login", Map.of("username", victim, "password", guess, "csrf-token", token)).statusCode();
            });
        }

        List<Integer> statuses = runAtOnce(attempts, start);

        long checked = statuses.stream().filter(s -> s == 401).count();
        assertTrue(checked <= 5, "at most 5 of 20 parallel sign-ins are checked, not " + checked + ": " + statuses);
        assertTrue(statuses.stream().allMatch(s -> s == 401 || s == 429), statuses.toString());
        new Visitor().from("10.31.9.9").submit("/login", "/login", Map.of("username", victim, "password", "password123"))
                .then().statusCode(429);
    }

    static int tokenStatus(String address, String username, String password) {
        return given().header("X-Forwarded-For", address).auth().preemptive().basic(username, password)
                .get("/token?service=hoist").statusCode();
    }

    private static String csrfToken(Visitor visitor) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"csrf-token\" value=\"([^\"]*)\"")
                .matcher(visitor.get("/login").asString());
        assertTrue(m.find());
        return m.group(1);
    }

    static List<Integer> runAtOnce(List<Callable<Integer>> tasks, CountDownLatch start) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> task : tasks) {
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
