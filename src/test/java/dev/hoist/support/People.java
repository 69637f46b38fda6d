package dev.hoist.support;

import dev.hoist.account.Account;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Shortcuts for test set-up that a user would do through the mailbox. */
public final class People {

    private People() {
    }

    /** Signs up {@code username} and marks the address verified, as clicking the mailed link does. */
    public static Visitor verified(String username) {
        Visitor visitor = Visitor.signedUp(username);
        QuarkusTransaction.requiringNew().run(() -> Account.findByUsername(username).orElseThrow().emailVerified = true);
        return visitor;
    }
}
