package dev.hoist.quota;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.Burst;
import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each quota of the pages holds against a parallel burst, and says so next to the form's field. */
@QuarkusTest
@TestProfile(SmallQuotas.class)
class QuotaPagesTest {

    private static final int BURST = 12;

    @Test
    void organizationsPerUser() {
        String me = Visitor.uniqueName("qorg");
        Visitor user = People.verified(me);
        String token = user.csrfToken("/orgs/new");
        String prefix = Visitor.uniqueName("qo");

        List<Integer> statuses = Burst.of(BURST, i -> user.copy().post("/orgs/new",
                Map.of("name", prefix + i, "csrf-token", token)).statusCode());

        assertEquals(SmallQuotas.ORGANIZATIONS, Burst.count(statuses, 303), statuses.toString());
        assertEquals(SmallQuotas.ORGANIZATIONS, count("SELECT count(*) FROM organizations o JOIN namespaces n ON n.id = o.namespace_id "
                + "WHERE n.name LIKE ?1", prefix + "%"));
        user.submit("/orgs/new", "/orgs/new", Map.of("name", prefix + "x")).then().statusCode(400)
                .body(containsString("<p class=\"error\" id=\"name-error\">You have created 3 organizations, the most one account may create.</p>"));
    }

    @Test
    void repositoriesPerNamespace() {
        String me = Visitor.uniqueName("qrepo");
        Visitor user = People.verified(me);
        String token = user.csrfToken("/repository/create");

        List<Integer> statuses = Burst.of(BURST, i -> user.copy().post("/repository/create", Map.of("namespace", me,
                "name", "r" + i, "visibility", "public", "description", "", "readme", "", "csrf-token", token)).statusCode());

        assertEquals(SmallQuotas.REPOSITORIES, Burst.count(statuses, 303), statuses.toString());
        assertEquals(SmallQuotas.REPOSITORIES, count("SELECT count(*) FROM repositories r JOIN namespaces n ON n.id = r.namespace_id "
                + "WHERE n.name = ?1", me));
        user.submit("/repository/create", "/repository/create", Map.of("namespace", me, "name", "more", "visibility", "public"))
                .then().statusCode(400)
                .body(containsString(me + " has 4 repositories, the most one namespace may have. Delete one to make room."));
    }

    @Test
    void tokensPerUser() {
        String me = Visitor.uniqueName("qtok");
        Visitor user = People.verified(me);
        String token = user.csrfToken("/settings/tokens");

        List<Integer> statuses = Burst.of(BURST, i -> user.copy().post("/settings/tokens", Map.of("description", "ci " + i,
                "scope", "READ", "expires", "never", "csrf-token", token)).statusCode());

        assertEquals(SmallQuotas.TOKENS, Burst.count(statuses, 200), statuses.toString());
        assertEquals(SmallQuotas.TOKENS, count("SELECT count(*) FROM access_tokens t JOIN accounts a ON a.id = t.account_id "
                + "JOIN namespaces n ON n.id = a.namespace_id WHERE n.name = ?1", me));
        user.submit("/settings/tokens", "/settings/tokens", Map.of("description", "one more", "scope", "READ", "expires", "never"))
                .then().statusCode(400).body(containsString("You have 3 access tokens, the most one account may have."));
    }

    @Test
    void creationsPerMinuteAcrossKinds() {
        String me = Visitor.uniqueName("qrate");
        Visitor user = People.verified(me);
        String org = Visitor.uniqueName("qr");
        user.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        String teams = "/orgs/" + org + "/teams";
        String token = user.csrfToken(teams);

        List<Response> responses = Burst.of(BURST + 3, i -> user.copy().post(teams, Map.of("name", "team" + i,
                "description", "", "csrf-token", token)));

        List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
        // The organization was the first creation of the minute.
        assertEquals(SmallQuotas.CREATIONS_PER_MINUTE - 1, Burst.count(statuses, 303), statuses.toString());
        for (Response refused : responses.stream().filter(r -> r.statusCode() != 303).toList()) {
            assertEquals(429, refused.statusCode());
            long retryAfter = Long.parseLong(refused.header("Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
            assertTrue(refused.asString().contains("You created 10 repositories, organizations, teams or tokens within a minute"),
                    refused.asString());
        }
        user.submit("/settings/tokens", "/settings/tokens", Map.of("description", "later", "scope", "READ", "expires", "never"))
                .then().statusCode(429).body(containsString("within a minute, the most allowed. Try again in"));
        user.submit("/repository/create", "/repository/create", Map.of("namespace", me, "name", "later", "visibility", "public"))
                .then().statusCode(429).body(containsString("<p class=\"error\" id=\"name-error\">You created 10"));
    }

    @jakarta.inject.Inject
    RecentCreationsCleanup cleanup;

    @Test
    void creationsOlderThanAMinuteAreDropped() {
        String me = People.newVerified("qold");
        String account = "(SELECT a.id FROM accounts a JOIN namespaces n ON n.id = a.namespace_id WHERE n.name = ?1)";
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery(
                "INSERT INTO recent_creations (account_id, created_at) SELECT " + account + ", now() - interval '2 minutes'")
                .setParameter(1, me).executeUpdate());
        assertEquals(1, count("SELECT count(*) FROM recent_creations WHERE account_id = " + account, me));
        cleanup.purge();
        assertEquals(0, count("SELECT count(*) FROM recent_creations WHERE account_id = " + account, me));
    }

    static long count(String sql, String parameter) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager().createNativeQuery(sql)
                .setParameter(1, parameter).getSingleResult()).longValue());
    }
}
