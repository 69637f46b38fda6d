package dev.hoist.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailureBudgetTest {

    @Test
    void spentByFailuresOfTheLastMinuteFromEveryAddress() {
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        FailureBudget budget = new FailureBudget(10, clock::get);
        for (int i = 0; i < 9; i++) {
            budget.recordFailure();
            clock.addAndGet(3_000);
        }
        assertFalse(budget.spent());

        budget.recordFailure();
        assertTrue(budget.spent());
        assertEquals(10, budget.lastMinute());

        clock.addAndGet(40_000); // the first failures are over a minute old now
        assertFalse(budget.spent());
        clock.addAndGet(60_000);
        assertEquals(0, budget.lastMinute());
    }
}
