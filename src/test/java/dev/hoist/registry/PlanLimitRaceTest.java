package dev.hoist.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.Burst;
import dev.hoist.support.People;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plan's one private repository holds against parallel bursts: first pushes, the form, and the visibility switch. */
@QuarkusTest
class PlanLimitRaceTest {

    private static final int BURST = 12;

    @Test
    void parallelFirstPushesToAPrivateByDefaultNamespaceMakeOnePrivateRepository() {
        String me = Visitor.uniqueName("race");
        Visitor owner = People.verified(me);
        owner.submit("/settings", "/settings/privacy", Map.of("privacy", "private")).then().statusCode(303);
        RegistryClient client = RegistryClient.as(me, "password123");
        OciLayout.Blob blob = OciLayout.Blob.of(OciLayout.random(500));
        // Logged in once, as docker login does: the parallel token requests then are not counted as guesses.
        client.token("repository:" + me + "/p0:pull");

        List<Response> responses = Burst.of(BURST, i -> client.pushBlob(me + "/p" + i, blob));

        List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
        assertEquals(1, Burst.count(statuses, 201), statuses.toString());
        for (Response refused : responses.stream().filter(r -> r.statusCode() != 201).toList()) {
            assertEquals(403, refused.statusCode());
            assertEquals("DENIED", refused.path("errors[0].code"));
            assertTrue(refused.<String>path("errors[0].message").contains("allows 1 private repository"), refused.asString());
        }
        assertEquals(1, privateRepositories(me));
    }

    @Test
    void parallelPrivateCreatesThroughTheFormMakeOne() {
        // A few rounds: each is one chance for a check-then-insert to let two through.
        for (int round = 0; round < 3; round++) {
            String me = Visitor.uniqueName("racef");
            Visitor owner = People.verified(me);
            String token = owner.csrfToken("/repository/create");

            List<Integer> statuses = Burst.of(BURST, i -> owner.copy().post("/repository/create", Map.of("namespace", me,
                    "name", "p" + i, "visibility", "private", "description", "", "readme", "", "csrf-token", token)).statusCode());

            assertEquals(1, Burst.count(statuses, 303), statuses.toString());
            assertEquals(BURST - 1, Burst.count(statuses, 400), statuses.toString());
            assertEquals(1, privateRepositories(me));
        }
    }

    @Test
    void parallelSwitchesToPrivateMakeOne() {
        String me = Visitor.uniqueName("racev");
        Visitor owner = People.verified(me);
        int repos = 6;
        for (int i = 0; i < repos; i++) {
            Repos.create(owner, me, "r" + i, false, "", "");
        }
        String token = owner.csrfToken("/r/" + me + "/r0/settings");

        List<Integer> statuses = Burst.of(repos, i -> owner.copy().post("/r/" + me + "/r" + i + "/settings/visibility",
                Map.of("visibility", "private", "csrf-token", token)).statusCode());

        assertEquals(1, Burst.count(statuses, 303), statuses.toString());
        assertEquals(repos - 1, Burst.count(statuses, 400), statuses.toString());
        assertEquals(1, privateRepositories(me));
    }

    static long privateRepositories(String namespace) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager().createNativeQuery(
                "SELECT count(*) FROM repositories r JOIN namespaces n ON n.id = r.namespace_id WHERE n.name = ?1 AND r.private")
                .setParameter(1, namespace).getSingleResult()).longValue());
    }
}
