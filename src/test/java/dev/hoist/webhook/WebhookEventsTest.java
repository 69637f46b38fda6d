package dev.hoist.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.events.DomainEvent;
import dev.hoist.model.events.WebhookCreated;
import dev.hoist.model.events.WebhookDeleted;
import dev.hoist.model.events.WebhookUpdated;
import dev.hoist.support.People;
import dev.hoist.support.RecordedEvents;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Making, changing and deleting a webhook are domain events (for the audit log); refusals and no-op saves are none. */
@QuarkusTest
class WebhookEventsTest {

    @Inject
    RecordedEvents recorded;

    @Test
    void webhookChangesAreEventsAndRefusalsAreNone() {
        String me = Visitor.uniqueName("hookev");
        Visitor owner = People.verified(me);
        Repos.create(owner, me, "app", false, "", "");
        String hooks = "/r/" + me + "/app/settings/webhooks";
        Hooks.post(owner, hooks, "http://10.0.0.1/", "docker-hub", "image_pushed").then().statusCode(400);
        assertEquals(List.of(), of(WebhookCreated.class, me));

        Hooks.Made hook = Hooks.create(owner, hooks, "http://127.0.0.2:1/a", "docker-hub", "image_pushed");
        List<WebhookCreated> created = of(WebhookCreated.class, me);
        assertEquals(1, created.size(), created.toString());
        assertEquals(me + "/app", created.get(0).repository());
        assertNull(created.get(0).organization());
        assertEquals(hook.id(), created.get(0).webhookId());
        assertEquals("http://127.0.0.2:1/a", created.get(0).url());
        assertFalse(created.get(0).toString().contains(hook.secret()));

        Map<String, String> same = Map.of("name", "CI", "url", "http://127.0.0.2:1/a", "format", "docker-hub",
                "events", "image_pushed", "active", "on");
        owner.submit(hook.path(), hook.path(), same).then().statusCode(303);
        assertEquals(List.of(), of(WebhookUpdated.class, me));
        owner.submit(hook.path(), hook.path(), Map.of("name", "CI", "url", "http://127.0.0.2:1/a", "format", "docker-hub",
                "events", "image_pushed")).then().statusCode(303);
        List<WebhookUpdated> updated = of(WebhookUpdated.class, me);
        assertEquals(1, updated.size(), updated.toString());
        assertFalse(updated.get(0).active());
        assertEquals(me, updated.get(0).actor());

        Visitor outsider = People.verified(Visitor.uniqueName("hookevout"));
        outsider.post(hook.path() + "/delete", Map.of("csrf-token", outsider.csrfToken("/settings"))).then().statusCode(404);
        assertEquals(List.of(), of(WebhookDeleted.class, me));
        owner.submit(hook.path(), hook.path() + "/delete", Map.of()).then().statusCode(303);
        List<WebhookDeleted> deleted = of(WebhookDeleted.class, me);
        assertEquals(1, deleted.size(), deleted.toString());
        assertTrue(deleted.get(0).name().equals("CI"));
    }

    /** The committed events of {@code type} about webhooks of {@code namespace}'s repositories. */
    private <T extends DomainEvent> List<T> of(Class<T> type, String namespace) {
        return recorded.of(type).stream().filter(e -> String.valueOf(repository(e)).startsWith(namespace + "/")).toList();
    }

    private static String repository(DomainEvent e) {
        if (e instanceof WebhookCreated c) {
            return c.repository();
        }
        if (e instanceof WebhookUpdated u) {
            return u.repository();
        }
        return ((WebhookDeleted) e).repository();
    }
}
