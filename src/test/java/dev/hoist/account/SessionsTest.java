package dev.hoist.account;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Sessions live in PostgreSQL: signing out, or ending a session from Settings, ends every copy of its cookie. */
@QuarkusTest
class SessionsTest {

    private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private static final String SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";

    @Inject
    EntityManager em;

    @Test
    void aCookieCopiedBeforeSignOutNoLongerOpensSettings() {
        Visitor visitor = Visitor.signedUp(Visitor.uniqueName("copy"));
        String copied = visitor.cookie("hoist_session");

        visitor.submit("/", "/logout", Map.of()).then().statusCode(303);

        Response afterwards = new Visitor().withCookie("hoist_session", copied).get("/settings");
        assertEquals(303, afterwards.statusCode());
        assertTrue(afterwards.getHeader("Location").contains("/login"), afterwards.getHeader("Location"));
        assertEquals("", afterwards.getCookie("hoist_session"), "the dead cookie is cleared");
    }

    @Test
    void onlyAHashOfTheCookieIsStored() {
        String name = Visitor.uniqueName("hash");
        Visitor visitor = Visitor.signedUp(name);
        String cookie = visitor.cookie("hoist_session");

        List<?> stored = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT s.token_hash FROM sessions s JOIN accounts a ON a.id = s.account_id JOIN namespaces n ON n.id = a.namespace_id WHERE n.name = ?1")
                .setParameter(1, name).getResultList());
        assertEquals(1, stored.size());
        assertFalse(stored.get(0).toString().contains(cookie));
        assertEquals(sha256(cookie), stored.get(0).toString());
    }

    @Test
    void settingsListsTheSessionsAndEndsOneOrAllOthers() {
        String name = Visitor.uniqueName("many");
        Visitor laptop = Visitor.signedUp(name);
        Visitor phone = signIn(name, SAFARI, "10.9.0.2");
        Visitor desktop = signIn(name, FIREFOX, "10.9.0.3");

        String page = desktop.get("/settings").asString();
        assertEquals(3, count(page, "data-testid=\"session\""), page);
        assertTrue(page.contains("Safari on iOS"), page);
        assertTrue(page.contains("10.9.0.2"), page);
        assertTrue(page.contains("Firefox on Linux"), page);
        assertEquals(1, count(page, "data-testid=\"this-session\""));

        // End the phone's session from the desktop: the phone is signed out, the laptop is not.
        String phoneSession = sessionIdNear(page, "Safari on iOS");
        desktop.submit("/settings", "/settings/sessions/" + phoneSession + "/end", Map.of()).then().statusCode(303);
        phone.get("/settings").then().statusCode(303);
        laptop.get("/settings").then().statusCode(200);
        desktop.get("/settings").then().statusCode(200).body(not(containsString("Safari on iOS")));

        desktop.submit("/settings", "/settings/sessions/end-others", Map.of()).then().statusCode(303);
        laptop.get("/settings").then().statusCode(303);
        String after = desktop.get("/settings").then().statusCode(200).extract().asString();
        assertEquals(1, count(after, "data-testid=\"session\""));
    }

    @Test
    void nobodyEndsAnotherAccountsSession() {
        String victimName = Visitor.uniqueName("vict");
        Visitor victim = Visitor.signedUp(victimName);
        long victimSession = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT s.id FROM sessions s JOIN accounts a ON a.id = s.account_id JOIN namespaces n ON n.id = a.namespace_id WHERE n.name = ?1")
                .setParameter(1, victimName).getSingleResult()).longValue());
        Visitor other = Visitor.signedUp(Visitor.uniqueName("othr"));

        other.submit("/settings", "/settings/sessions/" + victimSession + "/end", Map.of()).then().statusCode(303);

        victim.get("/settings").then().statusCode(200);
    }

    @Test
    void aPasswordChangeEndsTheOtherSessionsAndKeepsThisOne() {
        String name = Visitor.uniqueName("pwd");
        Visitor other = Visitor.signedUp(name);
        Visitor me = signIn(name, FIREFOX, "10.9.0.4");

        me.submit("/settings", "/settings/password", Map.of("current", "password123", "password", "a new password"))
                .then().statusCode(303);

        other.get("/settings").then().statusCode(303);
        me.get("/settings").then().statusCode(200);
    }

    @Test
    void lastSeenIsWrittenAtMostOnceAMinute() {
        String name = Visitor.uniqueName("seen");
        Visitor visitor = Visitor.signedUp(name);
        Instant first = lastSeen(name);
        visitor.get("/settings");
        assertEquals(first, lastSeen(name), "a second page within the minute writes nothing");

        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE sessions SET last_seen_at = now() - interval '5 minutes' WHERE account_id = (SELECT a.id FROM accounts a JOIN namespaces n ON n.id = a.namespace_id WHERE n.name = ?1)")
                .setParameter(1, name).executeUpdate());
        Instant old = lastSeen(name);
        visitor.from("10.9.0.7").get("/settings").then().statusCode(200);
        assertTrue(lastSeen(name).isAfter(old.plusSeconds(200)), "a page after five minutes records the use");
        visitor.get("/settings").then().body(containsString("10.9.0.7"));
    }

    @Test
    void privatePagesAreNeverCached() {
        Visitor visitor = Visitor.signedUp(Visitor.uniqueName("cache"));

        for (String path : new String[] { "/settings", "/", "/settings/tokens", "/no-such-page" }) {
            assertEquals("private, no-store", visitor.get(path).getHeader("Cache-Control"), path);
        }
        Response login = new Visitor().get("/login");
        assertTrue(login.getHeader("Set-Cookie") != null, "the sign-in form brings its CSRF cookie");
        assertEquals("private, no-store", login.getHeader("Cache-Control"));
        assertEquals("private, no-store", visitor.submit("/", "/logout", Map.of()).getHeader("Cache-Control"));
    }

    private Instant lastSeen(String name) {
        return QuarkusTransaction.requiringNew().call(() -> ((java.time.OffsetDateTime) em.createNativeQuery(
                "SELECT s.last_seen_at FROM sessions s JOIN accounts a ON a.id = s.account_id JOIN namespaces n ON n.id = a.namespace_id WHERE n.name = ?1",
                java.time.OffsetDateTime.class).setParameter(1, name).getSingleResult()).toInstant());
    }

    private static Visitor signIn(String name, String userAgent, String address) {
        Visitor visitor = new Visitor().from(address);
        String token = CsrfTokens.of(visitor.get("/login").asString());
        Response response = visitor.request().header("User-Agent", userAgent).contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("username", name, "password", "password123", "csrf-token", token)).post("/login");
        assertEquals(303, response.statusCode());
        visitor.withCookie("hoist_session", response.getCookie("hoist_session"));
        return visitor;
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static String sessionIdNear(String page, String device) {
        Matcher m = Pattern.compile("(?s)" + Pattern.quote(device) + ".*?/settings/sessions/(\\d+)/end").matcher(page);
        assertTrue(m.find(), page);
        return m.group(1);
    }

    /** The CSRF token of a page's first form. */
    static final class CsrfTokens {
        static String of(String html) {
            Matcher m = Pattern.compile("name=\"csrf-token\" value=\"([^\"]*)\"").matcher(html);
            assertTrue(m.find(), "the page has a form");
            return m.group(1);
        }
    }
}
