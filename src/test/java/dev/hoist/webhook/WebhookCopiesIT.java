package dev.hoist.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.HoistProcess;
import dev.hoist.support.PostgresResource;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two copies of the packaged jar on one PostgreSQL send each delivery once; deliveries queued when
 * every copy stops are sent by the copy started next; an instance-wide endpoint from configuration
 * hears of every repository.
 */
class WebhookCopiesIT {

    private static final int EVENTS = 20;

    @Test
    void twoCopiesDeliverEachEventOnceAndTheQueueSurvivesARestart() throws Exception {
        try (EmbeddedPostgres postgres = PostgresResource.startThrowaway();
                Receiver receiver = new Receiver();
                Receiver ops = new Receiver()) {
            Map<String, String> env = Map.of(
                    "QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"),
                    "QUARKUS_DATASOURCE_USERNAME", "postgres",
                    "QUARKUS_DATASOURCE_PASSWORD", "",
                    "HOIST_WEBHOOKS_ALLOWED_RANGES", "127.0.0.2/32",
                    "HOIST_WEBHOOKS_RETRY_BASE", "PT0.5S",
                    "HOIST_WEBHOOKS_POLL_INTERVAL", "0.2s");
            List<String> endpoint = List.of("-Dhoist.webhooks.endpoints.ops.url=" + ops.url("/ops"),
                    "-Dhoist.webhooks.endpoints.ops.secret=ops-secret",
                    "-Dhoist.webhooks.endpoints.ops.events=visibility_changed");
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            String me = Visitor.uniqueName("copies");
            Hooks.Made hook;
            int port = Integer.parseInt(receiver.url("").replaceAll(".*:", "").replace("/", ""));
            try (HoistProcess a = HoistProcess.start(Files.createTempDirectory(tmp, "hoist-it"), env, endpoint);
                    HoistProcess b = HoistProcess.start(Files.createTempDirectory(tmp, "hoist-it"), env, endpoint);
                    Connection db = postgres.getPostgresDatabase().getConnection()) {
                Visitor onA = new Visitor(a.baseUri()).signUp(me);
                update(db, "UPDATE accounts SET email_verified = true WHERE namespace_id = (SELECT id FROM namespaces WHERE name = ?)", me);
                Repos.create(onA, me, "app", false, "", "");
                hook = Hooks.create(onA, "/r/" + me + "/app/settings/webhooks", receiver.url("/hook"), "cloudevents",
                        "visibility_changed");
                Visitor onB = new Visitor(b.baseUri()).withCookie("hoist_session", onA.cookie("hoist_session"))
                        .withCookie("hoist_csrf", onA.cookie("hoist_csrf"));
                String token = onA.csrfToken(hook.path());
                for (int i = 0; i < EVENTS; i++) {
                    (i % 2 == 0 ? onA : onB).post(hook.path() + "/test", Map.of("csrf-token", token)).then().statusCode(303);
                }
                receiver.await(EVENTS, Duration.ofSeconds(30));
                Thread.sleep(1500);
                List<Receiver.Request> got = receiver.received();
                assertEquals(EVENTS, got.size(), "each delivery once, whichever copy sent it");
                assertEquals(EVENTS, got.stream().map(r -> r.header("X-Hoist-Delivery")).collect(Collectors.toSet()).size());

                onB.post("/r/" + me + "/app/settings/visibility", Map.of("csrf-token", token, "visibility", "private"))
                        .then().statusCode(303);
                Receiver.Request toOps = ops.await(1, Duration.ofSeconds(20)).get(0);
                assertEquals("repository.visibility_changed", toOps.header("X-Hoist-Event"));
                assertEquals(Signatures.of("ops-secret", toOps.body()), toOps.header("X-Hoist-Signature-256"));

                assertEquals("repository.visibility_changed", receiver.await(EVENTS + 1, Duration.ofSeconds(20)).get(EVENTS)
                        .header("X-Hoist-Event"));
                // The receiver goes away; a delivery waits for it while both copies stop.
                receiver.close();
                onA.post(hook.path() + "/test", Map.of("csrf-token", token)).then().statusCode(303);
                long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (count(db, "SELECT count(*) FROM webhook_deliveries WHERE webhook_id = " + hook.id()
                        + " AND state = 'PENDING' AND last_attempt_at IS NOT NULL") == 0 && System.nanoTime() < end) {
                    Thread.sleep(100);
                }
                assertEquals(1, count(db, "SELECT count(*) FROM webhook_deliveries WHERE webhook_id = " + hook.id()
                        + " AND state = 'PENDING' AND last_attempt_at IS NOT NULL"));
            }
            try (Receiver back = new Receiver(Receiver.HOST, port);
                    HoistProcess c = HoistProcess.start(Files.createTempDirectory(tmp, "hoist-it"), env, endpoint)) {
                Receiver.Request late = back.await(1, Duration.ofSeconds(40)).get(0);
                assertEquals("ping", late.header("X-Hoist-Event"));
                assertTrue(late.body().contains("dev.hoist.ping"), late.body());
            }
        }
    }

    private static void update(Connection db, String sql, String parameter) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, parameter);
            statement.executeUpdate();
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
