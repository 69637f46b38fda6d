package dev.hoist.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Once more sign-ins fail in a minute than the budget allows (from all addresses together), names
 * and addresses that already failed wait before their password is checked; a fresh sign-in does
 * not, and whether the name exists makes no difference.
 */
@QuarkusTest
class SignInBudgetTest {

    @Inject
    SignIn signIn;

    @AfterEach
    void forget() {
        signIn.budget().forget();
    }

    private long millis(String address, String username, String password) {
        long start = System.nanoTime();
        int status = SignInRaceTest.tokenStatus(address, username, password);
        assertTrue(status == 200 || status == 401, "status " + status);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aSpentBudgetSlowsSuspectSignInsOnly() {
        String known = Visitor.uniqueName("bud");
        Visitor.signedUp(known);
        String other = Visitor.uniqueName("bud");
        Visitor.signedUp(other);
        // An attacker's address that already failed once.
        assertEquals(401, SignInRaceTest.tokenStatus("10.40.0.1", Visitor.uniqueName("ghost"), "guess"));
        for (int i = 0; i < 1_000_000; i++) {
            signIn.budget().recordFailure();
        }
        assertTrue(signIn.budget().spent());

        long unknownName = millis("10.40.0.1", Visitor.uniqueName("ghost"), "guess");
        long knownName = millis("10.40.0.1", known, "guess");
        long fresh = millis("10.40.1.1", other, "password123");

        assertTrue(unknownName >= 2000, "an unknown name from a failing address waited " + unknownName + " ms");
        assertTrue(knownName >= 2000, "a known name from a failing address waited " + knownName + " ms");
        assertTrue(fresh < 1000, "a fresh sign-in took " + fresh + " ms");
        // The name that failed is suspect from any address now.
        assertTrue(millis("10.40.2.1", known, "password123") >= 2000);
    }
}
