package dev.hoist.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.Account;
import dev.hoist.support.FormBurst;
import dev.hoist.support.MailResource;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Sign-ups with production settings: the per-address limit (the other tests sign up far more from
 * loopback) and the real bcrypt cost, which is what would make a refused address answer faster.
 */
@QuarkusTest
@TestProfile(SignupLimitTest.ProductionSettings.class)
class SignupLimitTest {

    public static class ProductionSettings implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hoist.signup.per-address", "10", "hoist.password.bcrypt-cost", "12");
        }
    }

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    /** A client address of its own, so the sign-up limit stays out of the way. */
    private static Visitor fresh() {
        return new Visitor().from("10.77." + ADDRESSES.get() / 250 + "." + ADDRESSES.incrementAndGet() % 250);
    }

    private static String pathOf(String link) {
        URI uri = URI.create(link);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    /** Milliseconds the sign-up POST alone takes (the form page is fetched before the clock starts). */
    private static long timedSignUp(String name, String email) {
        Visitor visitor = fresh();
        Matcher m = Pattern.compile("name=\"csrf-token\" value=\"([^\"]*)\"").matcher(visitor.get("/signup").asString());
        assertTrue(m.find());
        Map<String, String> form = Map.of("username", name, "email", email, "password", "password123", "csrf-token", m.group(1));
        long start = System.nanoTime();
        visitor.post("/signup", form);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aTakenAddressTakesAsLongAsAFreeOne() {
        // The fastest of several runs is the work itself; the rest is the noise of a shared machine.
        // A different owner each time: one address gets only five mails an hour.
        int runs = 4;
        long[] free = new long[runs];
        long[] onTaken = new long[runs];
        for (int i = 0; i < runs; i++) {
            String owner = Visitor.uniqueName("owner");
            Visitor visitor = fresh().signUp(owner);
            visitor.get(pathOf(MailResource.verificationLinkFor(owner + "@example.test"))).then().statusCode(303);
            // Either one first, in turn: neither gets the machine's quieter moments every time.
            if (i % 2 == 0) {
                free[i] = timedSignUp(Visitor.uniqueName("tf"), Visitor.uniqueName("tf") + "@example.test");
                onTaken[i] = timedSignUp(Visitor.uniqueName("tt"), owner + "@example.test");
            } else {
                onTaken[i] = timedSignUp(Visitor.uniqueName("tt"), owner + "@example.test");
                free[i] = timedSignUp(Visitor.uniqueName("tf"), Visitor.uniqueName("tf") + "@example.test");
            }
        }
        long fastestFree = Arrays.stream(free).min().orElseThrow();
        long fastestTaken = Arrays.stream(onTaken).min().orElseThrow();
        // Before the fix a taken address answered in a tenth of the time (no bcrypt, no mail).
        assertTrue(fastestTaken * 10 >= fastestFree * 6,
                "fastest " + fastestTaken + " ms for a taken address, " + fastestFree + " ms for a free one: "
                        + Arrays.toString(onTaken) + " / " + Arrays.toString(free));
    }

    private static long accountsNamed(String prefix) {
        return QuarkusTransaction.requiringNew().call(() -> Account.count("namespace.name like ?1", prefix + "%"));
    }

    @Test
    void aParallelBurstOfSignUpsFromOneAddressMakesAtMostTheLimit() {
        String prefix = Visitor.uniqueName("lim");
        List<FormBurst.Answer> answers = FormBurst.post(new Visitor().from("203.0.113.7"), "203.0.113.7", "/signup", "/signup", 25,
                i -> Map.of("username", prefix + i, "email", prefix + i + "@example.test", "password", "password123"));

        assertEquals(10, accountsNamed(prefix));
        assertEquals(15, answers.stream().filter(a -> a.status() == 429).count());
        assertTrue(answers.stream().filter(a -> a.status() == 429)
                .allMatch(a -> a.body().contains("Too many sign-ups from your network address") && a.body().contains("Try again at")));
    }

    @Test
    void everyAttemptCountsEvenARefusedOne() {
        String prefix = Visitor.uniqueName("seq");
        for (int i = 0; i < 10; i++) {
            new Visitor().from("192.0.2.44").submit("/signup", "/signup", Map.of("username", prefix + i, "email", prefix + i + "@example.test",
                    "password", "short")).then().statusCode(400);
        }
        Visitor again = new Visitor().from("192.0.2.44");
        again.submit("/signup", "/signup", Map.of("username", prefix + "z", "email", prefix + "z@example.test", "password", "password123"))
                .then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        assertEquals(0, accountsNamed(prefix));

        Visitor elsewhere = new Visitor().from("192.0.2.45");
        elsewhere.submit("/signup", "/signup", Map.of("username", prefix + "y", "email", prefix + "y@example.test", "password", "password123"))
                .then().statusCode(303);
    }
}
