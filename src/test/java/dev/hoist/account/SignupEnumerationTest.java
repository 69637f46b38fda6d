package dev.hoist.account;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.Account;
import dev.hoist.support.MailResource;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sign-up and the email change tell nobody which addresses have accounts; the mailbox owner hears of it by mail. */
@QuarkusTest
class SignupEnumerationTest {

    private static String pathOf(String link) {
        URI uri = URI.create(link);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static boolean verified(String username) {
        return QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(username).orElseThrow().emailVerified);
    }

    /** An account whose address is verified. */
    private static String verifiedOwner() {
        String name = Visitor.uniqueName("owner");
        Visitor owner = Visitor.signedUp(name);
        owner.get(pathOf(MailResource.verificationLinkFor(name + "@example.test"))).then().statusCode(303);
        assertTrue(verified(name));
        return name + "@example.test";
    }

    private static Response signUp(Visitor visitor, String name, String email) {
        return visitor.submit("/signup", "/signup", Map.of("username", name, "email", email, "password", "password123"));
    }

    private static String flash(Response response, String name, String email) {
        return URLDecoder.decode(response.cookie("hoist_flash"), StandardCharsets.UTF_8).replace(name, "NAME").replace(email, "EMAIL");
    }

    @Test
    void aTakenAddressGetsTheSameAnswerAsAFreeOne() {
        String taken = verifiedOwner();
        String free = Visitor.uniqueName("free") + "@example.test";
        String first = Visitor.uniqueName("first");
        String second = Visitor.uniqueName("second");

        Response onFree = signUp(new Visitor(), first, free);
        Visitor intruder = new Visitor();
        Response onTaken = signUp(intruder, second, taken.toUpperCase());

        assertEquals(onFree.statusCode(), onTaken.statusCode());
        assertEquals(onFree.header("Location"), onTaken.header("Location"));
        assertEquals(onFree.getCookies().keySet(), onTaken.getCookies().keySet());
        assertEquals(flash(onFree, first, free), flash(onTaken, second, taken.toUpperCase()));
        intruder.get("/").then().body(containsString("data-testid=\"header-username\">" + second + "<"));
    }

    @Test
    void theOwnerOfATakenAddressIsToldByMailAndNoLinkIsSent() {
        String taken = verifiedOwner();
        String intruder = Visitor.uniqueName("intr");
        int before = MailResource.countTo(taken);

        signUp(new Visitor(), intruder, taken).then().statusCode(303);

        assertEquals(before + 1, MailResource.countTo(taken));
        String mail = MailResource.newestMailTo(taken);
        assertTrue(mail.contains("Someone tried to use your email address"), mail);
        assertTrue(mail.contains(intruder), mail);
        assertFalse(mail.contains("verify-email?token="), "no link that would verify the intruder's account");
        assertFalse(verified(intruder));
    }

    @Test
    void anUnverifiedAccountDoesNotKeepItsOwnerOut() {
        String squatter = Visitor.uniqueName("squat");
        String owner = Visitor.uniqueName("realown");
        String address = Visitor.uniqueName("mailbox") + "@example.test";
        signUp(new Visitor(), squatter, address).then().statusCode(303);
        String squattersLink = MailResource.verificationLinkFor(address);

        Visitor real = new Visitor();
        signUp(real, owner, address).then().statusCode(303);
        String ownersLink = MailResource.verificationLinkFor(address);
        real.get(pathOf(ownersLink)).then().statusCode(303);

        assertTrue(verified(owner));
        new Visitor().get(pathOf(squattersLink)).then().statusCode(400);
        assertFalse(verified(squatter), "the address belongs to one account only");
    }

    @Test
    void changingToATakenAddressAnswersLikeAnyOtherAddress() {
        String taken = verifiedOwner();
        Visitor someone = Visitor.signedUp(Visitor.uniqueName("chtk"));
        Visitor other = Visitor.signedUp(Visitor.uniqueName("chfr"));
        String free = Visitor.uniqueName("chfree") + "@example.test";

        Response onTaken = someone.submit("/settings", "/settings/email", Map.of("email", taken));
        Response onFree = other.submit("/settings", "/settings/email", Map.of("email", free));

        assertEquals(onFree.statusCode(), onTaken.statusCode());
        assertEquals(onFree.header("Location"), onTaken.header("Location"));
        assertEquals(URLDecoder.decode(onFree.cookie("hoist_flash"), StandardCharsets.UTF_8).replace(free, "X"),
                URLDecoder.decode(onTaken.cookie("hoist_flash"), StandardCharsets.UTF_8).replace(taken, "X"));
        assertTrue(MailResource.newestMailTo(taken).contains("Someone tried to use your email address"));
    }
}
