package dev.hoist.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoist.model.WebhookDelivery;
import dev.hoist.registry.Pushes;
import dev.hoist.support.People;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a receiver gets: Docker Hub's push payload or a CloudEvent, signed, with its headers; and Docker Hub's callback. */
@QuarkusTest
class WebhookPayloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void aPushReachesADockerHubReceiverSignedAndItsCallbackShowsInTheLog() throws Exception {
        String me = Visitor.uniqueName("hookdh");
        Visitor owner = People.verified(me);
        Repos.create(owner, me, "app", false, "A small app", "# App\nREADME text");
        try (Receiver receiver = new Receiver()) {
            Hooks.Made hook = Hooks.create(owner, "/r/" + me + "/app/settings/webhooks", receiver.url("/hook"), "docker-hub",
                    "image_pushed");
            long before = Instant.now().getEpochSecond();
            String digest = Pushes.image(me, me + "/app", "1.0");

            Receiver.Request request = receiver.await(1, WAIT).get(0);
            assertEquals("POST", request.method());
            assertEquals("/hook", request.path());
            assertEquals("image.pushed", request.header("X-Hoist-Event"));
            UUID deliveryId = UUID.fromString(request.header("X-Hoist-Delivery"));
            assertTrue(request.header("Content-Type").startsWith("application/json"), request.header("Content-Type"));
            assertEquals(Signatures.of(hook.secret(), request.body()), request.header("X-Hoist-Signature-256"));
            assertTrue(request.header("X-Hoist-Signature-256").matches("sha256=[0-9a-f]{64}"));

            JsonNode body = JSON.readTree(request.body());
            JsonNode push = body.get("push_data");
            assertTrue(push.get("pushed_at").isIntegralNumber());
            assertTrue(push.get("pushed_at").asLong() >= before - 1);
            assertEquals("1.0", push.get("tag").asText());
            assertEquals(me, push.get("pusher").asText());
            assertEquals(digest, push.get("images").get(0).asText());
            JsonNode repo = body.get("repository");
            assertEquals(me + "/app", repo.get("repo_name").asText());
            assertEquals(me, repo.get("namespace").asText());
            assertEquals(me, repo.get("owner").asText());
            assertEquals("app", repo.get("name").asText());
            assertEquals("A small app", repo.get("description").asText());
            assertEquals("# App\nREADME text", repo.get("full_description").asText());
            assertFalse(repo.get("is_private").asBoolean());
            assertFalse(repo.get("is_official").asBoolean());
            assertFalse(repo.get("is_trusted").asBoolean());
            assertEquals("Active", repo.get("status").asText());
            assertEquals(0, repo.get("star_count").asInt());
            assertEquals(0, repo.get("comment_count").asInt());
            assertTrue(repo.get("date_created").isIntegralNumber());
            assertTrue(repo.get("repo_url").asText().endsWith("/r/" + me + "/app"), repo.get("repo_url").asText());
            String callback = body.get("callback_url").asText();
            assertTrue(callback.contains(deliveryId.toString()), callback);

            // The receiver answers as Docker Hub's receivers do; the log shows it.
            given().contentType("application/json")
                    .body(Map.of("state", "success", "description", "Deployed to staging", "context", "CI",
                            "target_url", "https://ci.example.com/build/7"))
                    .post(URI.create(callback).getPath()).then().statusCode(200);
            // Control characters (a NUL, which PostgreSQL would refuse) never reach the log.
            given().contentType("application/json").body(Map.of("state", "success", "description", "a\u0000b",
                    "context", "c\u0000", "target_url", "https://ci.example.com/\u0000"))
                    .post(URI.create(callback).getPath()).then().statusCode(200);
            given().contentType("application/json")
                    .body(Map.of("state", "success", "description", "Deployed to staging", "context", "CI",
                            "target_url", "https://ci.example.com/build/7"))
                    .post(URI.create(callback).getPath()).then().statusCode(200);
            given().contentType("application/json").body(Map.of("state", "bogus"))
                    .post(URI.create(callback).getPath()).then().statusCode(400);
            given().contentType("application/json").body("{not json").post(URI.create(callback).getPath()).then().statusCode(400);
            given().contentType("application/json").body(Map.of("state", "success"))
                    .post("/hooks/callback/" + UUID.randomUUID()).then().statusCode(404);
            given().contentType("application/json").body(Map.of("state", "success"))
                    .post("/hooks/callback/not-a-uuid").then().statusCode(404);

            List<WebhookDelivery> log = Hooks.awaitDeliveries(hook.id(), WAIT,
                    d -> d.size() == 1 && WebhookDelivery.DELIVERED.equals(d.get(0).state));
            assertEquals(200, log.get(0).statusCode);
            assertEquals(1, log.get(0).attempts);
            owner.get(hook.path()).then().statusCode(200)
                    .body(containsString("image.pushed"))
                    .body(containsString("Delivered"))
                    .body(containsString("HTTP <span data-testid=\"delivery-status\">200</span>"))
                    .body(containsString("X-Hoist-Signature-256: sha256="))
                    .body(containsString("{&quot;received&quot;:1}"))
                    .body(containsString("Callback: <strong>success</strong> — Deployed to staging (CI)"));
            // The secret is never shown again.
            owner.get(hook.path()).then().body(org.hamcrest.Matchers.not(containsString(hook.secret())));
            owner.get("/r/" + me + "/app/settings/webhooks").then().body(org.hamcrest.Matchers.not(containsString(hook.secret())));
        }
    }

    @Test
    void webhooksOfOnePushShareTheBodyButEachHasItsOwnCallbackAndTheUsersTextIsUntouched() throws Exception {
        String me = Visitor.uniqueName("hookmany");
        Visitor owner = People.verified(me);
        // The outbox builds one body per format and puts each delivery's callback URL in; a user's text that
        // looks like the stand-in must come through as written.
        String sneaky = "{\"callback_url\":\"hoist-callback-url\"";
        Repos.create(owner, me, "app", false, "hoist-callback-url", sneaky);
        try (Receiver receiver = new Receiver()) {
            String hooks = "/r/" + me + "/app/settings/webhooks";
            Hooks.Made first = Hooks.create(owner, hooks, receiver.url("/a"), "docker-hub", "image_pushed");
            Hooks.Made second = Hooks.create(owner, hooks, receiver.url("/b"), "docker-hub", "image_pushed");
            Hooks.Made cloud = Hooks.create(owner, hooks, receiver.url("/c"), "cloudevents", "image_pushed");
            Pushes.image(me, me + "/app", "hoist-callback-url");

            List<Receiver.Request> got = receiver.await(3, WAIT);
            Map<String, Hooks.Made> byPath = Map.of("/a", first, "/b", second, "/c", cloud);
            java.util.Set<String> callbacks = new java.util.HashSet<>();
            for (Receiver.Request request : got) {
                Hooks.Made hook = byPath.get(request.path());
                assertEquals(Signatures.of(hook.secret(), request.body()), request.header("X-Hoist-Signature-256"));
                JsonNode body = JSON.readTree(request.body());
                if (request.path().equals("/c")) {
                    assertEquals("hoist-callback-url", body.get("data").get("tag").asText());
                    assertFalse(body.has("callback_url"));
                    continue;
                }
                String delivery = request.header("X-Hoist-Delivery");
                assertTrue(body.get("callback_url").asText().endsWith("/hooks/callback/" + delivery), body.toString());
                callbacks.add(body.get("callback_url").asText());
                assertEquals("hoist-callback-url", body.get("push_data").get("tag").asText());
                assertEquals("hoist-callback-url", body.get("repository").get("description").asText());
                assertEquals(sneaky, body.get("repository").get("full_description").asText());
            }
            assertEquals(2, callbacks.size(), "each Docker Hub delivery has its own callback");
        }
    }

    @Test
    void anOrganizationsCloudEventsWebhookHearsOfAllItsRepositoriesAndItsMembers() throws Exception {
        String me = Visitor.uniqueName("hookce");
        Visitor owner = People.verified(me);
        String org = Visitor.uniqueName("hookorg");
        owner.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        try (Receiver receiver = new Receiver()) {
            Hooks.Made hook = Hooks.create(owner, "/orgs/" + org + "/settings/webhooks", receiver.url("/ce"), "cloudevents",
                    "image_pushed", "repository_created", "members");
            String digest = Pushes.image(me, org + "/api", "v2");

            List<Receiver.Request> got = receiver.await(2, WAIT);
            Receiver.Request created = got.stream().filter(r -> "repository.created".equals(r.header("X-Hoist-Event"))).findFirst()
                    .orElseThrow();
            Receiver.Request pushed = got.stream().filter(r -> "image.pushed".equals(r.header("X-Hoist-Event"))).findFirst()
                    .orElseThrow();
            assertTrue(pushed.header("Content-Type").startsWith("application/cloudevents+json"), pushed.header("Content-Type"));
            assertEquals(Signatures.of(hook.secret(), pushed.body()), pushed.header("X-Hoist-Signature-256"));
            JsonNode event = JSON.readTree(pushed.body());
            assertEquals("1.0", event.get("specversion").asText());
            assertEquals("dev.hoist.image.pushed", event.get("type").asText());
            assertTrue(event.get("source").asText().endsWith("/r/" + org + "/api"), event.get("source").asText());
            assertFalse(event.get("id").asText().isEmpty());
            assertNotNull(Instant.parse(event.get("time").asText()));
            assertEquals("application/json", event.get("datacontenttype").asText());
            JsonNode data = event.get("data");
            assertEquals(org + "/api", data.get("repository").asText());
            assertEquals("v2", data.get("tag").asText());
            assertEquals(digest, data.get("digest").asText());
            assertEquals("application/vnd.oci.image.manifest.v1+json", data.get("media_type").asText());
            assertEquals(me, data.get("pusher").asText());
            assertTrue(data.get("platforms").isArray());
            assertEquals("dev.hoist.repository.created", JSON.readTree(created.body()).get("type").asText());
            assertTrue(JSON.readTree(created.body()).get("data").get("by_push").asBoolean());

            String member = People.newVerified("hookmem");
            owner.submit("/orgs/" + org + "/teams", "/orgs/" + org + "/teams/owners/members", Map.of("username", member))
                    .then().statusCode(303);
            Receiver.Request joined = receiver.await(3, WAIT).get(2);
            assertEquals("member.added", joined.header("X-Hoist-Event"));
            JsonNode joinedData = JSON.readTree(joined.body()).get("data");
            assertEquals(org, joinedData.get("organization").asText());
            assertEquals(member, joinedData.get("member").asText());
            assertEquals("owners", joinedData.get("team").asText());
        }
    }

    @Test
    void eventsTheWebhookDidNotAskForAreNotSent() throws Exception {
        String me = Visitor.uniqueName("hookonly");
        Visitor owner = People.verified(me);
        Repos.create(owner, me, "app", false, "", "");
        try (Receiver receiver = new Receiver()) {
            Hooks.Made hook = Hooks.create(owner, "/r/" + me + "/app/settings/webhooks", receiver.url("/"), "docker-hub",
                    "tag_deleted");
            Pushes.image(me, me + "/app", "1.0");
            Pushes.deleteTag(me, me + "/app", "1.0");
            Receiver.Request request = receiver.await(1, WAIT).get(0);
            assertEquals("tag.deleted", request.header("X-Hoist-Event"));
            Thread.sleep(500);
            assertEquals(1, receiver.received().size(), receiver.received().toString());
            assertEquals(1, Hooks.deliveries(hook.id()).size());
        }
    }
}
