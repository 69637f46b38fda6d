package dev.hoist.support;

import dev.hoist.model.Account;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Shortcuts for test set-up that a user would do through the mailbox. */
public final class People {

    private People() {
    }

    /** The site administrator named in the test profile (hoist.site-admins), signed up once and shared. */
    public static final String SITE_ADMIN = "siteadmin1";

    /** A visitor signed in as the site administrator. */
    public static synchronized Visitor siteAdmin() {
        boolean exists = QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(SITE_ADMIN).isPresent());
        if (!exists) {
            return verified(SITE_ADMIN);
        }
        Visitor visitor = new Visitor();
        visitor.submit("/login", "/login", java.util.Map.of("username", SITE_ADMIN, "password", "password123"))
                .then().statusCode(303);
        return visitor;
    }

    /** A new verified user named from {@code prefix}; returns the username (password "password123"). */
    public static String newVerified(String prefix) {
        String name = Visitor.uniqueName(prefix);
        verified(name);
        return name;
    }

    /** Signs up {@code username} and marks the address verified, as clicking the mailed link does. */
    public static Visitor verified(String username) {
        Visitor visitor = Visitor.signedUp(username);
        QuarkusTransaction.requiringNew().run(() -> Account.findByUsername(username).orElseThrow().emailVerified = true);
        return visitor;
    }
}
