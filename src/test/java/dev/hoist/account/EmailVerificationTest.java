package dev.hoist.account;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.Account;
import dev.hoist.support.MailResource;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EmailVerificationTest {

    private static boolean verified(String username) {
        return QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(username).orElseThrow().emailVerified);
    }

    private static String pathOf(String link) {
        URI uri = URI.create(link);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    @Test
    void theMailedLinkVerifiesTheAddress() {
        String name = Visitor.uniqueName("ver");
        Visitor visitor = Visitor.signedUp(name);
        visitor.get("/settings").then().body(containsString("data-testid=\"unverified\""));

        String link = MailResource.verificationLinkFor(name + "@example.test");
        visitor.get(pathOf(link)).then().statusCode(303);

        assertTrue(verified(name));
        visitor.get("/settings").then().body(not(containsString("data-testid=\"unverified\"")))
                .body(containsString("Verified"));
    }

    @Test
    void aLinkWorksOnlyOnce() {
        String name = Visitor.uniqueName("once");
        Visitor visitor = Visitor.signedUp(name);
        String link = MailResource.verificationLinkFor(name + "@example.test");
        visitor.get(pathOf(link)).then().statusCode(303);

        visitor.get(pathOf(link)).then().statusCode(400).body(containsString("This link does not work"));
    }

    @Test
    void aMadeUpTokenVerifiesNothing() {
        new Visitor().get("/verify-email?token=made-up").then().statusCode(400);
        new Visitor().get("/verify-email").then().statusCode(400);
    }

    @Test
    void changingTheEmailAsksForANewVerification() {
        String name = Visitor.uniqueName("chg");
        Visitor visitor = Visitor.signedUp(name);
        String firstLink = MailResource.verificationLinkFor(name + "@example.test");
        visitor.get(pathOf(firstLink));
        assertTrue(verified(name));

        String newAddress = name + "@new.example.test";
        visitor.submit("/settings", "/settings/email", Map.of("email", newAddress)).then().statusCode(303);

        assertTrue(!verified(name));
        visitor.get("/settings").then().body(containsString(newAddress)).body(containsString("data-testid=\"unverified\""));
        visitor.get(pathOf(MailResource.verificationLinkFor(newAddress))).then().statusCode(303);
        assertTrue(verified(name));
    }

    @Test
    void theVerificationMailCanBeSentAgain() {
        String name = Visitor.uniqueName("again");
        Visitor visitor = Visitor.signedUp(name);
        String address = name + "@example.test";
        String first = MailResource.verificationLinkFor(address);

        visitor.submit("/settings", "/settings/verification", Map.of()).then().statusCode(303);

        assertEquals(2, MailResource.countTo(address));
        String second = MailResource.verificationLinkFor(address);
        visitor.get(pathOf(first)).then().statusCode(400);
        visitor.get(pathOf(second)).then().statusCode(303);
    }
}
