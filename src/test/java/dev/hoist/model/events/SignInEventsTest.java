package dev.hoist.model.events;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.events.SignInFailed.Reason;
import dev.hoist.support.People;
import dev.hoist.support.RecordedEvents;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Sign-ins on the page and at {@code /token} (with a password or a personal access token) fire
 * SignInSucceeded or SignInFailed; a failure names what was typed as the username, never the secret.
 */
@QuarkusTest
class SignInEventsTest {

    private static final Pattern SECRET = Pattern.compile("value=\"(hoist_pat_[A-Za-z0-9_-]+)\"");

    @Inject
    RecordedEvents recorded;

    @Test
    void thePageFiresSucceededAndFailedWithoutThePassword() {
        String me = People.newVerified("evpage");
        String ghost = Visitor.uniqueName("evghost");
        EventLog log = EventLog.watching(recorded, me, ghost);

        page("10.72.0.1", me, "password123").then().statusCode(303);
        log.expect(new SignInSucceeded(null, me, SignInMethod.PASSWORD));

        page("10.72.0.2", me, "not-it-4711").then().statusCode(401);
        assertTrue(log.made().stream().noneMatch(e -> e.toString().contains("not-it-4711")), "no password in an event");
        log.expect(new SignInFailed(null, null, me, SignInMethod.PASSWORD, Reason.WRONG_CREDENTIALS));

        page("10.72.0.3", ghost, "not-it-4711").then().statusCode(401);
        log.expect(new SignInFailed(null, null, ghost, SignInMethod.PASSWORD, Reason.WRONG_CREDENTIALS));
    }

    @Test
    void aLockedAccountFiresFailedAsLocked() {
        String me = People.newVerified("evlock");
        EventLog log = EventLog.watching(recorded, me);
        for (int i = 0; i < 5; i++) {
            page("10.73.0." + i, me, "wrong-" + i).then().statusCode(401);
        }
        log.mark();

        page("10.73.1.1", me, "password123").then().statusCode(429);
        log.expect(new SignInFailed(null, null, me, SignInMethod.PASSWORD, Reason.LOCKED));
    }

    @Test
    void tokenFiresForPasswordsAndAccessTokens() {
        String me = People.newVerified("evtoken");
        Visitor visitor = new Visitor();
        visitor.submit("/login", "/login", Map.of("username", me, "password", "password123")).then().statusCode(303);
        Matcher m = SECRET.matcher(visitor.submit("/settings/tokens", "/settings/tokens",
                Map.of("description", "CI", "scope", "READ", "expires", "30")).asString());
        assertTrue(m.find(), "the new token is shown");
        String secret = m.group(1);
        EventLog log = EventLog.watching(recorded, me);

        token("10.74.0.1", me, "password123").then().statusCode(200);
        log.expect(new SignInSucceeded(null, me, SignInMethod.PASSWORD));
        token("10.74.0.2", me, "wrong-password").then().statusCode(401);
        log.expect(new SignInFailed(null, null, me, SignInMethod.PASSWORD, Reason.WRONG_CREDENTIALS));

        token("10.74.0.3", me, secret).then().statusCode(200);
        log.expect(new SignInSucceeded(null, me, SignInMethod.TOKEN));
        String wrong = secret.substring(0, secret.length() - 4) + "abcd";
        token("10.74.0.4", me, wrong).then().statusCode(401);
        assertTrue(log.made().stream().noneMatch(e -> e.toString().contains("hoist_pat_")), "no token in an event");
        log.expect(new SignInFailed(null, null, me, SignInMethod.TOKEN, Reason.WRONG_CREDENTIALS));
    }

    @Test
    void aTypedUsernameIsKeptOnOneLine() {
        assertTrue(SignInFailed.loggable("evil\nname\r\u0007").equals("evilname"));
        assertTrue(SignInFailed.loggable("x".repeat(1000)).length() == 254);
    }

    private static Response page(String address, String username, String password) {
        return new Visitor().from(address).submit("/login", "/login", Map.of("username", username, "password", password));
    }

    private static Response token(String address, String username, String secret) {
        return given().auth().preemptive().basic(username, secret).header("X-Forwarded-For", address)
                .queryParam("service", "hoist").queryParam("scope", "repository:" + username + "/app:pull").get("/token");
    }
}
