package dev.hoist.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecentSignInsTest {

    @Test
    void rememberedOnlyForTheSamePasswordAndStoredHash() {
        RecentSignIns recent = new RecentSignIns();
        assertFalse(recent.matchedRecently("secret-one", "$2a$hash"));

        recent.remember("secret-one", "$2a$hash");

        assertTrue(recent.matchedRecently("secret-one", "$2a$hash"));
        assertFalse(recent.matchedRecently("secret-two", "$2a$hash"), "another password");
        assertFalse(recent.matchedRecently("secret-one", "$2a$changed"), "the password was changed since");
        assertFalse(recent.matchedRecently("secret-one", null), "an account without a password");
        assertFalse(new RecentSignIns().matchedRecently("secret-one", "$2a$hash"), "another process knows nothing");
    }
}
