package dev.hoist.webhook;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.Webhook;
import dev.hoist.model.WebhookDelivery;
import dev.hoist.registry.Pushes;
import dev.hoist.support.People;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Webhooks cannot reach Hoist's own network, and only those who may administer see them. */
@QuarkusTest
class WebhookSafetyTest {

    @Inject
    SecretBox box;

    @Test
    void internalAddressesAreRefusedWhenAWebhookIsSaved() {
        String me = Visitor.uniqueName("hookssrf");
        Visitor owner = People.verified(me);
        Repos.create(owner, me, "app", false, "", "");
        String hooks = "/r/" + me + "/app/settings/webhooks";
        for (String url : List.of("http://127.0.0.1:8080/", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/",
                "http://localhost:9000/q/metrics", "http://[::1]/", "http://0.0.0.0/", "http://192.168.1.1/",
                "http://[fd00::1]/", "http://[::ffff:10.0.0.1]/", "http://100.64.0.1/")) {
            Hooks.post(owner, hooks, url, "docker-hub", "image_pushed").then().statusCode(400)
                    .body(containsString("webhooks may not call it"));
        }
        Hooks.post(owner, hooks, "ftp://example.com/", "docker-hub", "image_pushed").then().statusCode(400)
                .body(containsString("Only http:// and https://"));
        Hooks.post(owner, hooks, "http://user:secret@example.com/", "docker-hub", "image_pushed").then().statusCode(400)
                .body(containsString("no user name or password"));
        Hooks.post(owner, hooks, "http://127.0.0.2:1/", "docker-hub", "members").then().statusCode(400)
                .body(containsString("Choose at least one of the events listed."));
        Hooks.post(owner, hooks, "http://127.0.0.2:1/", "xml", "image_pushed").then().statusCode(400)
                .body(containsString("Choose Docker Hub or CloudEvents."));
        Hooks.post(owner, hooks, "http://127.0.0.2:1/\u0000", "docker-hub", "image_pushed").then().statusCode(400);
        assertEquals(List.of(), QuarkusTransaction.requiringNew().call(() -> Webhook.<Webhook>listAll().stream()
                .filter(w -> w.createdBy.equals(me)).toList()));
    }

    @Test
    void anAddressThatTurnedInternalAfterSavingIsRefusedAtDelivery() throws Exception {
        String me = Visitor.uniqueName("hookrebind");
        Visitor owner = People.verified(me);
        Repos.create(owner, me, "app", false, "", "");
        try (Receiver loopback = new Receiver("127.0.0.1", 0)) {
            // Saved while it pointed elsewhere; now it names loopback (as a DNS rebinding would make it).
            Hooks.Made hook = Hooks.create(owner, "/r/" + me + "/app/settings/webhooks", "http://127.0.0.2:1/", "docker-hub",
                    "image_pushed");
            QuarkusTransaction.requiringNew().run(() -> Webhook.<Webhook>findById(hook.id()).url = loopback.url("/"));
            Pushes.image(me, me + "/app", "1.0");

            List<WebhookDelivery> log = Hooks.awaitDeliveries(hook.id(), Duration.ofSeconds(15),
                    d -> d.size() == 1 && d.get(0).lastAttemptAt != null);
            assertTrue(log.get(0).error.startsWith("Refused:"), log.get(0).error);
            Thread.sleep(300);
            assertEquals(List.of(), loopback.received());
        }
    }

    @Test
    void secretsAreStoredEncrypted() {
        String me = Visitor.uniqueName("hooksec");
        Visitor owner = People.verified(me);
        Repos.create(owner, me, "app", false, "", "");
        Hooks.Made hook = Hooks.create(owner, "/r/" + me + "/app/settings/webhooks", "http://127.0.0.2:1/", "docker-hub",
                "image_pushed");
        byte[] sealed = Hooks.webhook(hook.id()).secretSealed;
        String stored = new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(!stored.contains(hook.secret()));
        assertEquals(hook.secret(), box.open(sealed));
    }

    @Test
    void outsidersAndWriteMembersFindNoWebhooks() {
        String me = Visitor.uniqueName("hookperm");
        Visitor owner = People.verified(me);
        String org = Visitor.uniqueName("hookporg");
        owner.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        Repos.create(owner, org, "app", false, "", "");
        String writer = Visitor.uniqueName("hookwriter");
        Visitor writerVisitor = People.verified(writer);
        String teams = "/orgs/" + org + "/teams";
        owner.submit(teams, teams, Map.of("name", "devs", "description", "")).then().statusCode(303);
        owner.submit(teams + "/devs", teams + "/devs/members", Map.of("username", writer)).then().statusCode(303);
        owner.submit("/r/" + org + "/app/settings", "/r/" + org + "/app/settings/teams", Map.of("team", "devs", "permission", "WRITE"))
                .then().statusCode(303);
        String repoHooks = "/r/" + org + "/app/settings/webhooks";
        String orgHooks = "/orgs/" + org + "/settings/webhooks";
        Hooks.Made repoHook = Hooks.create(owner, repoHooks, "http://127.0.0.2:1/", "docker-hub", "image_pushed");
        Hooks.Made orgHook = Hooks.create(owner, orgHooks, "http://127.0.0.2:1/", "docker-hub", "members");
        owner.get(repoHook.path()).then().statusCode(200);
        owner.get(orgHook.path()).then().statusCode(200);

        Visitor outsider = People.verified(Visitor.uniqueName("hookout"));
        for (Visitor v : List.of(outsider, writerVisitor)) {
            v.get("/settings"); // takes the welcome flash off the next page
            // Byte for byte what the same person gets for a repository that does not exist.
            String missing = v.get("/r/" + org + "/nothing/settings/webhooks").then().statusCode(404).extract().asString();
            for (String path : List.of(repoHooks, repoHook.path(), orgHooks, orgHook.path())) {
                assertEquals(missing, v.get(path).then().statusCode(404).extract().asString(), path);
            }
            String token = v.csrfToken("/settings");
            for (String path : List.of(repoHooks, repoHook.path(), repoHook.path() + "/delete", repoHook.path() + "/test",
                    orgHook.path() + "/delete")) {
                v.post(path, Map.of("csrf-token", token, "name", "x", "url", "http://127.0.0.2:1/", "format", "docker-hub",
                        "events", "image_pushed")).then().statusCode(404);
            }
        }
        // One scope's page cannot reach another's webhook by its id.
        owner.get(repoHooks + "/" + orgHook.id()).then().statusCode(404);
        // Signed out: sign in first, whether the repository exists or not.
        new Visitor().get(repoHooks).then().statusCode(303);
        new Visitor().get("/r/" + org + "/nothing/settings/webhooks").then().statusCode(303);
        // Nothing the refused posts asked for happened: both webhooks are still there.
        assertEquals(2L, QuarkusTransaction.requiringNew().call(() -> Webhook.count("id in (?1, ?2)", repoHook.id(), orgHook.id())));
    }
}
