package dev.hoist.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.quota.SmallQuotas;
import dev.hoist.support.Burst;
import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The registry's side of the quotas: OCI error JSON, DENIED for what is held, TOOMANYREQUESTS with Retry-After for rates. */
@QuarkusTest
@TestProfile(SmallQuotas.class)
class RegistryQuotasTest {

    private static final int BURST = 10;

    @Test
    void openUploadSessionsPerUser() throws IOException {
        String me = People.newVerified("qup");
        RegistryClient client = RegistryClient.as(me, "password123");
        client.pushBlob(me + "/app", OciLayout.Blob.of(OciLayout.random(100))).then().statusCode(201);
        String token = client.token("repository:" + me + "/app:pull,push");
        long filesBefore = uploadFiles();

        List<Response> responses = Burst.of(BURST, i -> io.restassured.RestAssured.given().redirects().follow(false)
                .header("Authorization", "Bearer " + token).post("/v2/" + me + "/app/blobs/uploads/"));

        List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
        assertEquals(SmallQuotas.UPLOAD_SESSIONS, Burst.count(statuses, 202), statuses.toString());
        for (Response refused : responses.stream().filter(r -> r.statusCode() != 202).toList()) {
            assertEquals(429, refused.statusCode(), refused.asString());
            assertEquals("TOOMANYREQUESTS", refused.path("errors[0].code"));
            assertTrue(refused.<String>path("errors[0].message").contains("3 blob uploads open"), refused.asString());
            assertTrue(Long.parseLong(refused.header("Retry-After")) >= 1);
        }
        assertEquals(SmallQuotas.UPLOAD_SESSIONS, sessionsOf(me), "rows left");
        assertEquals(SmallQuotas.UPLOAD_SESSIONS, uploadFiles() - filesBefore, "files left");

        // Finishing or cancelling one makes room for the next.
        String open = responses.stream().filter(r -> r.statusCode() == 202).findFirst().orElseThrow().header("Location");
        client.on(me + "/app", "pull,push").delete(open).then().statusCode(204);
        client.on(me + "/app", "pull,push").post("/v2/" + me + "/app/blobs/uploads/").then().statusCode(202);
    }

    @Test
    void repositoriesPerNamespaceByFirstPushes() {
        String me = People.newVerified("qpush");
        RegistryClient client = RegistryClient.as(me, "password123");
        OciLayout.Blob blob = OciLayout.Blob.of(OciLayout.random(200));
        // Logged in once, as docker login does: the parallel token requests then are not counted as guesses.
        client.token("repository:" + me + "/r0:pull");

        List<Response> responses = Burst.of(BURST, i -> client.pushBlob(me + "/r" + i, blob));

        List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
        assertEquals(SmallQuotas.REPOSITORIES, Burst.count(statuses, 201), statuses.toString());
        for (Response refused : responses.stream().filter(r -> r.statusCode() != 201).toList()) {
            assertEquals(403, refused.statusCode(), refused.asString());
            assertEquals("DENIED", refused.path("errors[0].code"));
            assertTrue(refused.<String>path("errors[0].message").contains("has 4 repositories"), refused.asString());
        }
    }

    @Test
    void creationsPerMinuteStopAFirstPush() {
        String me = Visitor.uniqueName("qrp");
        Visitor user = People.verified(me);
        String org = Visitor.uniqueName("qrpo");
        user.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        String teams = "/orgs/" + org + "/teams";
        for (int i = 1; i < SmallQuotas.CREATIONS_PER_MINUTE; i++) {
            user.submit(teams, teams, Map.of("name", "team" + i, "description", "")).then().statusCode(303);
        }

        Response refused = RegistryClient.as(me, "password123").pushBlob(me + "/late", OciLayout.Blob.of(OciLayout.random(50)));

        assertEquals(429, refused.statusCode(), refused.asString());
        assertEquals("TOOMANYREQUESTS", refused.path("errors[0].code"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
    }

    private static long sessionsOf(String username) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager().createNativeQuery("""
                SELECT count(*) FROM uploads u JOIN repositories r ON r.id = u.repository_id
                JOIN namespaces n ON n.id = r.namespace_id WHERE n.name = ?1
                """).setParameter(1, username).getSingleResult()).longValue());
    }

    private static long uploadFiles() throws IOException {
        Path folder = Path.of("target/test-data/blobs/_uploads");
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }
}
