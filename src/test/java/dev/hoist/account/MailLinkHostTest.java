package dev.hoist.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.Account;
import dev.hoist.support.MailResource;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With no HOIST_BASE_URL, a link is built from the request only when its host is one Hoist knows:
 * otherwise anyone could make Hoist mail a victim a genuine link that hands the token to their host.
 */
@QuarkusTest
class MailLinkHostTest {

    private static final String REFUSED = "Hoist does not send links for the address";

    private static String csrfOf(Visitor visitor, String page) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"csrf-token\" value=\"([^\"]*)\"")
                .matcher(visitor.get(page).asString());
        assertTrue(m.find());
        return m.group(1);
    }

    private static Response signUpWithHeader(Visitor visitor, String name, String header, String value) {
        String token = csrfOf(visitor, "/signup");
        return visitor.request().header(header, value).contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("username", name, "email", name + "@example.test", "password", "password123",
                        "csrf-token", token))
                .post("/signup");
    }

    private static void assertNoMailTo(String address) throws InterruptedException {
        Thread.sleep(500);
        assertEquals(0, MailResource.countTo(address));
    }

    @Test
    void aSignUpThroughAnUnknownHostIsRefusedAndMailsNothing() throws Exception {
        String name = Visitor.uniqueName("evil");
        Response response = signUpWithHeader(new Visitor(), name, "Host", "evil.example.com");

        assertEquals(400, response.statusCode());
        assertTrue(response.asString().contains(REFUSED), response.asString());
        assertNoMailTo(name + "@example.test");
        assertTrue(QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(name).isEmpty()), "nothing is written");
    }

    @Test
    void aForwardedHostNeverEndsUpInALink() throws Exception {
        // Quarkus ignores X-Forwarded-Host unless told to trust it; if an operator turns it on,
        // the host it gives is checked like any other.
        String name = Visitor.uniqueName("fwd");
        Response response = signUpWithHeader(new Visitor(), name, "X-Forwarded-Host", "evil.example.com");

        Thread.sleep(500);
        if (response.statusCode() == 303) {
            assertFalse(MailResource.verificationLinkFor(name + "@example.test").contains("evil"));
        } else {
            assertEquals(400, response.statusCode());
            assertNoMailTo(name + "@example.test");
        }
    }

    @Test
    void aResendThroughAnUnknownHostIsRefused() throws Exception {
        String name = Visitor.uniqueName("evilre");
        Visitor visitor = Visitor.signedUp(name);
        String address = name + "@example.test";
        MailResource.verificationLinkFor(address);

        String token = csrfOf(visitor, "/settings");
        Response response = visitor.request().header("Host", "evil.example.com").contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("csrf-token", token)).post("/settings/verification");

        assertEquals(400, response.statusCode());
        Thread.sleep(500);
        assertEquals(1, MailResource.countTo(address));
        assertFalse(MailResource.verificationLinkFor(address).contains("evil"));
    }

    @Test
    void aKnownHostStillGetsItsLink() {
        String name = Visitor.uniqueName("local");
        Visitor.signedUp(name);

        assertTrue(MailResource.verificationLinkFor(name + "@example.test").startsWith("http://localhost:"));
    }
}
