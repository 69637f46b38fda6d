package dev.hoist.model.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.AccessToken;
import dev.hoist.support.FormBurst;
import dev.hoist.support.People;
import dev.hoist.support.RecordedEvents;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Accounts and personal access tokens: made and ended through the pages, each firing its event; refusals none. */
@QuarkusTest
class AccountEventsTest {

    private static final Pattern SECRET = Pattern.compile("value=\"(hoist_pat_[A-Za-z0-9_-]+)\"");

    @Inject
    RecordedEvents recorded;

    @Test
    void signingUpFiresAccountCreated() {
        String name = Visitor.uniqueName("evsign");
        EventLog log = EventLog.watching(recorded, name);

        new Visitor().submit("/signup", "/signup", Map.of("username", name, "email", name + "@example.test", "password", "short"))
                .then().statusCode(400);
        log.expectNone();

        Visitor.signedUp(name);
        log.expect(new AccountCreated(null, name, false));
    }

    @Test
    void deletingTheAccountFiresAccountDeletedWithItsRepositories() {
        String me = People.newVerified("evacct");
        Visitor visitor = signIn(me);
        Repos.create(visitor, me, "app", false, "", "");
        EventLog log = EventLog.watching(recorded, me);

        visitor.submit("/settings", "/settings/delete", Map.of("confirm", "someone-else")).then().statusCode(400);
        log.expectNone();
        visitor.submit("/settings", "/settings/delete", Map.of("confirm", me)).then().statusCode(303);
        log.expect(new AccountDeleted(null, me, 1));
    }

    @Test
    void creatingAndRevokingATokenFireWithoutItsSecret() {
        String me = People.newVerified("evtok");
        Visitor visitor = signIn(me);
        EventLog log = EventLog.watching(recorded, me);

        visitor.submit("/settings/tokens", "/settings/tokens", Map.of("description", " ", "scope", "WRITE", "expires", "30"))
                .then().statusCode(400);
        log.expectNone();

        String page = visitor.submit("/settings/tokens", "/settings/tokens",
                Map.of("description", "CI on build-01", "scope", "WRITE", "expires", "30")).asString();
        Matcher m = SECRET.matcher(page);
        assertTrue(m.find(), "the new token is shown");
        String secret = m.group(1);
        long id = QuarkusTransaction.requiringNew().call(() -> AccessToken.findBySecret(secret).orElseThrow().id);
        assertTrue(log.made().stream().noneMatch(e -> e.toString().contains(secret)), "the secret is in no event");
        log.expect(new AccessTokenCreated(null, me, id, "CI on build-01", "WRITE"));

        visitor.submit("/settings/tokens", "/settings/tokens/revoke", Map.of("id", String.valueOf(id))).then().statusCode(303);
        log.expect(new AccessTokenRevoked(null, me, id, "CI on build-01"));
        visitor.submit("/settings/tokens", "/settings/tokens/revoke", Map.of("id", String.valueOf(id))).then().statusCode(303);
        log.expectNone();
    }

    @Test
    void aBurstOfRevokesOfOneTokenRevokesItOnceAndFailsNone() {
        String me = People.newVerified("evburst");
        Visitor visitor = signIn(me);
        String page = visitor.submit("/settings/tokens", "/settings/tokens",
                Map.of("description", "laptop", "scope", "READ", "expires", "30")).asString();
        Matcher m = SECRET.matcher(page);
        assertTrue(m.find(), "the new token is shown");
        long id = QuarkusTransaction.requiringNew().call(() -> AccessToken.findBySecret(m.group(1)).orElseThrow().id);
        EventLog log = EventLog.watching(recorded, me);

        List<FormBurst.Answer> answers = FormBurst.post(visitor, "127.0.0.1", "/settings/tokens", "/settings/tokens/revoke", 20,
                i -> Map.of("id", String.valueOf(id)));

        assertEquals(List.of(303), answers.stream().map(FormBurst.Answer::status).distinct().toList());
        log.expect(new AccessTokenRevoked(null, me, id, "laptop"));
    }

    private static Visitor signIn(String username) {
        Visitor visitor = new Visitor();
        visitor.submit("/login", "/login", Map.of("username", username, "password", "password123")).then().statusCode(303);
        return visitor;
    }
}
