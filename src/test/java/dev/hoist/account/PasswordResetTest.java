package dev.hoist.account;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.Account;
import dev.hoist.model.events.PasswordChanged;
import dev.hoist.support.FormBurst;
import dev.hoist.support.MailResource;
import dev.hoist.support.People;
import dev.hoist.support.RecordedEvents;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "Forgot password", over real HTTP against the real database and a real SMTP server. */
@QuarkusTest
class PasswordResetTest {

    private static final String NEW_PASSWORD = "a brand new one";

    @Inject
    RecordedEvents events;

    static String pathOf(String link) {
        URI uri = URI.create(link);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    static String tokenOf(String link) {
        return URI.create(link).getRawQuery().substring("token=".length());
    }

    private static Response ask(String identifier) {
        return new Visitor().submit("/forgot-password", "/forgot-password", Map.of("identifier", identifier));
    }

    /** Asks for a link for {@code identifier} and returns the one mailed to {@code name}'s address. */
    private static String linkFor(String name, String identifier) {
        ask(identifier).then().statusCode(303);
        return MailResource.linkFor(name + "@example.test", "/reset-password");
    }

    /** Posts the reset form as a browser that opened the link would (a dead link's page has no form: the token comes from another). */
    private static Response setPassword(String link, String password) {
        Visitor visitor = new Visitor();
        String csrf = visitor.csrfToken("/forgot-password");
        return visitor.post("/reset-password", Map.of("csrf-token", csrf, "token", tokenOf(link), "password", password));
    }

    /** Two Referrer-Policy headers (the site's, then the page's): the last valid one is the policy (W3C Referrer Policy, 8.1). */
    private static String effectiveReferrerPolicy(Response response) {
        List<String> values = response.headers().getValues("Referrer-Policy");
        return values.get(values.size() - 1);
    }

    private static int signIn(String name, String password) {
        return new Visitor().submit("/login", "/login", Map.of("username", name, "password", password)).statusCode();
    }

    @Test
    void theSignInPageLinksToForgotPassword() {
        new Visitor().get("/login").then().statusCode(200)
                .body(containsString("href=\"/forgot-password\"")).body(containsString("Forgot password?"));
        new Visitor().get("/forgot-password").then().statusCode(200)
                .body(containsString("<label for=\"identifier\">Username or email</label>"));
    }

    @Test
    void aLinkByUsernameSetsANewPasswordAndEndsEverySession() {
        String name = People.newVerified("rst");
        Visitor elsewhere = new Visitor();
        elsewhere.submit("/login", "/login", Map.of("username", name, "password", "password123")).then().statusCode(303);
        elsewhere.get("/settings").then().statusCode(200);
        int changedBefore = events.of(PasswordChanged.class).size();

        String link = linkFor(name, name.toUpperCase());
        assertTrue(MailResource.newestMailTo(name + "@example.test").contains("one hour"));
        Response form = new Visitor().get(pathOf(link));
        assertEquals("no-referrer", effectiveReferrerPolicy(form));
        form.then().statusCode(200).header("Cache-Control", containsString("no-store"))
                .body(containsString("<label for=\"password\">New password</label>"));
        setPassword(link, NEW_PASSWORD).then().statusCode(303).header("Location", containsString("/login"));

        assertEquals(401, signIn(name, "password123"), "the old password fails");
        assertEquals(303, signIn(name, NEW_PASSWORD));
        elsewhere.get("/settings").then().statusCode(303);
        List<PasswordChanged> changed = events.of(PasswordChanged.class).stream().filter(e -> e.actor().equals(name)).toList();
        assertEquals(1, changed.size());
        assertEquals(changedBefore + 1, events.of(PasswordChanged.class).size());
    }

    @Test
    void aLinkByVerifiedEmailWorksToo() {
        String name = People.newVerified("rse");
        String link = linkFor(name, " " + name.toUpperCase() + "@Example.test ");
        setPassword(link, NEW_PASSWORD).then().statusCode(303);
        assertEquals(303, signIn(name, NEW_PASSWORD));
    }

    @Test
    void aLinkWorksOnceAndUsingItEndsTheOtherLinks() {
        String name = People.newVerified("rso");
        String first = linkFor(name, name);
        String second = linkFor(name, name);
        setPassword(second, NEW_PASSWORD).then().statusCode(303);

        setPassword(second, "yet another one").then().statusCode(400).body(containsString("This link does not work"));
        new Visitor().get(pathOf(first)).then().statusCode(400).body(containsString("data-testid=\"reset-dead\""));
        setPassword(first, "yet another one").then().statusCode(400);
        assertEquals(303, signIn(name, NEW_PASSWORD));
    }

    @Test
    void anExpiredLinkIsRefused() {
        String name = People.newVerified("rsx");
        String link = linkFor(name, name);
        QuarkusTransaction.requiringNew().run(() -> Account.getEntityManager().createNativeQuery(
                "UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE token_hash = ?1")
                .setParameter(1, dev.hoist.platform.Tokens.sha256(tokenOf(link))).executeUpdate());

        new Visitor().get(pathOf(link)).then().statusCode(400).body(containsString("This link does not work"));
        setPassword(link, NEW_PASSWORD).then().statusCode(400).body(containsString("This link does not work"));
        assertEquals(303, signIn(name, "password123"));
    }

    @Test
    void madeUpAndMalformedTokensAreRefusedClearly() {
        String made = "A".repeat(43);
        new Visitor().get("/reset-password?token=" + made).then().statusCode(400).body(containsString("This link does not work"));
        new Visitor().get("/reset-password").then().statusCode(400).body(containsString("This link does not work"));
        new Visitor().get("/reset-password?token=%27%3B--").then().statusCode(400);
        int nul = new Visitor().get("/reset-password?token=abc%00def").statusCode();
        assertEquals(400, nul);
        Visitor visitor = new Visitor();
        String csrf = visitor.csrfToken("/forgot-password");
        visitor.post("/reset-password", Map.of("csrf-token", csrf, "token", made, "password", NEW_PASSWORD))
                .then().statusCode(400).body(containsString("This link does not work"));
        assertEquals(400, visitor.post("/reset-password", Map.of("csrf-token", csrf, "token", "a\u0000b", "password", NEW_PASSWORD))
                .statusCode());
        assertEquals(400, visitor.post("/reset-password", Map.of("csrf-token", csrf, "password", NEW_PASSWORD)).statusCode());
    }

    @Test
    void aRefusedPasswordIsToldByItsFieldAndTheLinkStillWorks() {
        String name = People.newVerified("rsp");
        String link = linkFor(name, name);
        Response refused = setPassword(link, "short");
        assertEquals("no-referrer", effectiveReferrerPolicy(refused));
        refused.then().statusCode(400)
                .body(containsString("id=\"password-error\">Use at least 8 characters."))
                .body(containsString("name=\"token\" value=\"" + tokenOf(link) + "\""));
        setPassword(link, NEW_PASSWORD).then().statusCode(303);
        assertEquals(303, signIn(name, NEW_PASSWORD));
    }

    @Test
    void unknownNamesAndUnverifiedAddressesGetTheSameAnswerAndNoMail() {
        String name = People.newVerified("rsu");
        String unverified = Visitor.uniqueName("rsn");
        Visitor.signedUp(unverified);
        MailResource.verificationLinkFor(unverified + "@example.test");
        int toUnverified = MailResource.countTo(unverified + "@example.test");

        Response real = ask(name);
        Response unknownName = ask(Visitor.uniqueName("nobody"));
        Response unknownAddress = ask(Visitor.uniqueName("nobody") + "@example.test");
        Response unverifiedAddress = ask(unverified + "@example.test");
        Response unverifiedName = ask(unverified);
        for (Response answer : List.of(real, unknownName, unknownAddress, unverifiedAddress, unverifiedName)) {
            assertEquals(303, answer.statusCode());
            assertEquals(real.header("Location"), answer.header("Location"));
            assertEquals(real.asString(), answer.asString());
        }
        String page = new Visitor().get("/forgot-password/sent").then().statusCode(200).extract().asString();
        assertTrue(page.contains("If that is the username or verified email address of an account"), page);

        MailResource.linkFor(name + "@example.test", "/reset-password");
        sleep(500);
        assertEquals(toUnverified, MailResource.countTo(unverified + "@example.test"), "an unverified address gets no link");
    }

    @Test
    void anEmptyFieldIsToldNextToIt() {
        new Visitor().submit("/forgot-password", "/forgot-password", Map.of("identifier", "  ")).then().statusCode(400)
                .body(containsString("id=\"identifier-error\">Enter your username or email address."));
        new Visitor().post("/forgot-password", Map.of("identifier", "x")).then().statusCode(403)
                .body(not(containsString("Check your email")));
    }

    @Test
    void aParallelBurstWithOneLinkChangesThePasswordOnce() {
        String name = People.newVerified("rsb");
        String link = linkFor(name, name);
        int before = events.of(PasswordChanged.class).size();
        Visitor visitor = new Visitor();

        List<FormBurst.Answer> answers = FormBurst.post(visitor, i -> "203.0.113." + i, pathOf(link), "/reset-password", 8,
                i -> Map.of("token", tokenOf(link), "password", "parallel pass " + i));

        List<Integer> statuses = answers.stream().map(FormBurst.Answer::status).toList();
        assertEquals(1, statuses.stream().filter(s -> s == 303).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(s -> s == 400).count(), statuses.toString());
        assertEquals(before + 1, events.of(PasswordChanged.class).size());
        // Signing in with the seven others would trip the sign-in lock: the stored hash tells which one was set.
        String hash = QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(name).orElseThrow().passwordHash);
        List<Integer> set = java.util.stream.IntStream.range(0, 8)
                .filter(i -> io.quarkus.elytron.security.common.BcryptUtil.matches("parallel pass " + i, hash)).boxed().toList();
        assertEquals(List.of(statuses.indexOf(303)), set, "exactly the password of the post that succeeded was set");
        assertEquals(303, signIn(name, "parallel pass " + set.get(0)));
    }

    @Test
    void manyRequestsSendFewMails() {
        String name = People.newVerified("rsl");
        String address = name + "@example.test";
        int before = MailResource.countTo(address);
        for (int i = 0; i < 12; i++) {
            ask(i % 2 == 0 ? name : address).then().statusCode(303);
        }
        sleep(1000);
        int sent = MailResource.countTo(address) - before;
        assertEquals(4, sent, "five mails an hour per account, and sign-up took one");
    }

    @Test
    void anAccountWithoutAPasswordGetsNoLinkButIsToldWhereToSignIn() {
        String name = People.newVerified("rsk");
        QuarkusTransaction.requiringNew().run(() -> Account.findByUsername(name).orElseThrow().passwordHash = null);

        ask(name).then().statusCode(303);

        String address = name + "@example.test";
        long deadline = System.currentTimeMillis() + 10_000;
        while (!MailResource.newestMailTo(address).contains("has no password") && System.currentTimeMillis() < deadline) {
            sleep(100);
        }
        String mail = MailResource.newestMailTo(address);
        assertTrue(mail.contains("has no password on Hoist"), mail);
        assertTrue(!mail.contains("/reset-password"), mail);
        long links = QuarkusTransaction.requiringNew().call(() -> ((Number) Account.getEntityManager().createNativeQuery(
                "SELECT count(*) FROM password_resets r JOIN accounts a ON a.id = r.account_id JOIN namespaces n ON n.id = a.namespace_id"
                        + " WHERE n.name = ?1").setParameter(1, name).getSingleResult()).longValue());
        assertEquals(0, links);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
