package dev.hoist.webhook;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.Webhook;
import dev.hoist.model.WebhookDelivery;
import dev.hoist.model.events.WebhookUpdated;
import dev.hoist.registry.Pushes;
import dev.hoist.support.RecordedEvents;
import dev.hoist.support.MailResource;
import dev.hoist.support.People;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Errors and 5xx are retried with backoff; redelivery and the test event; a webhook failing for a day is switched off. */
@QuarkusTest
class WebhookRetryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    EntityManager em;

    @Inject
    DeliveryLogCleanup cleanup;

    @Inject
    RecordedEvents recorded;

    @Test
    void finishedDeliveriesLeaveTheLogAfterTheRetentionAndQueuedOnesStay() throws Exception {
        String me = Visitor.uniqueName("hookold");
        Visitor owner = People.verified(me);
        Repos.create(owner, me, "app", false, "", "");
        Hooks.Made hook = Hooks.create(owner, "/r/" + me + "/app/settings/webhooks", "http://127.0.0.2:1/", "docker-hub",
                "image_pushed");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                INSERT INTO webhook_deliveries (delivery_id, webhook_id, event, body, state, created_at, next_attempt_at)
                VALUES (gen_random_uuid(), ?1, 'ping', '{}', 'DELIVERED', now() - interval '31 days', now()),
                       (gen_random_uuid(), ?1, 'ping', '{}', 'FAILED', now() - interval '31 days', now()),
                       (gen_random_uuid(), ?1, 'ping', '{}', 'DELIVERED', now() - interval '29 days', now()),
                       (gen_random_uuid(), ?1, 'ping', '{}', 'PENDING', now() - interval '31 days', now() + interval '1 day')""")
                .setParameter(1, hook.id()).executeUpdate());

        assertTrue(cleanup.deleteOld() >= 2);
        List<WebhookDelivery> left = Hooks.deliveries(hook.id());
        assertEquals(2, left.size(), Hooks.describe(left));
        assertTrue(left.stream().anyMatch(d -> WebhookDelivery.PENDING.equals(d.state)));
    }

    @Test
    void fiveHundredsAreRetriedUntilTheReceiverTakesTheDelivery() throws Exception {
        String me = Visitor.uniqueName("hook5xx");
        Visitor owner = People.verified(me);
        Repos.create(owner, me, "app", false, "", "");
        try (Receiver receiver = new Receiver().answering(n -> n <= 2 ? 500 : 200)) {
            Hooks.Made hook = Hooks.create(owner, "/r/" + me + "/app/settings/webhooks", receiver.url("/"), "docker-hub",
                    "image_pushed");
            Pushes.image(me, me + "/app", "1.0");

            List<Receiver.Request> got = receiver.await(3, WAIT);
            // One delivery, three attempts: the same id, the same signed body.
            assertEquals(1, got.stream().map(r -> r.header("X-Hoist-Delivery")).distinct().count());
            assertEquals(1, got.stream().map(Receiver.Request::body).distinct().count());
            List<WebhookDelivery> log = Hooks.awaitDeliveries(hook.id(), WAIT,
                    d -> d.size() == 1 && WebhookDelivery.DELIVERED.equals(d.get(0).state));
            assertEquals(3, log.get(0).attempts);
            assertEquals(200, log.get(0).statusCode);
            assertTrue(Hooks.webhook(hook.id()).active);
            assertEquals(null, Hooks.webhook(hook.id()).failingSince);
            owner.get(hook.path()).then().body(containsString("3 attempts"));
        }
    }

    @Test
    void aDeadPortIsRetriedAndReachedOnceItListens() throws Exception {
        String me = Visitor.uniqueName("hookdead");
        Visitor owner = People.verified(me);
        Repos.create(owner, me, "app", false, "", "");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getByName(Receiver.HOST))) {
            port = probe.getLocalPort();
        }
        Hooks.Made hook = Hooks.create(owner, "/r/" + me + "/app/settings/webhooks", "http://" + Receiver.HOST + ":" + port + "/late",
                "cloudevents", "image_pushed");
        Pushes.image(me, me + "/app", "1.0");

        List<WebhookDelivery> failing = Hooks.awaitDeliveries(hook.id(), WAIT,
                d -> d.size() == 1 && d.get(0).attempts >= 2);
        assertEquals(WebhookDelivery.PENDING, failing.get(0).state);
        assertNotNull(failing.get(0).error);
        assertEquals(null, failing.get(0).statusCode);
        assertNotNull(Hooks.webhook(hook.id()).failingSince);
        owner.get(hook.path()).then().body(containsString("Retrying"));

        try (Receiver receiver = new Receiver(Receiver.HOST, port)) {
            // Backoff doubles from 0.5 s in the tests: the next attempts come within seconds.
            Receiver.Request request = receiver.await(1, Duration.ofSeconds(40)).get(0);
            assertEquals("/late", request.path());
            Hooks.awaitDeliveries(hook.id(), WAIT, d -> WebhookDelivery.DELIVERED.equals(d.get(0).state));
            assertEquals(null, Hooks.webhook(hook.id()).failingSince);
        }
    }

    @Test
    void theTestEventAndARedeliveryReachTheReceiver() throws Exception {
        String me = Visitor.uniqueName("hookping");
        Visitor owner = People.verified(me);
        Repos.create(owner, me, "app", false, "", "");
        try (Receiver receiver = new Receiver()) {
            Hooks.Made hook = Hooks.create(owner, "/r/" + me + "/app/settings/webhooks", receiver.url("/"), "cloudevents",
                    "image_pushed");
            owner.submit(hook.path(), hook.path() + "/test", Map.of()).then().statusCode(303);
            Receiver.Request ping = receiver.await(1, WAIT).get(0);
            assertEquals("ping", ping.header("X-Hoist-Event"));
            assertTrue(ping.body().contains("\"type\":\"dev.hoist.ping\""), ping.body());
            assertEquals(Signatures.of(hook.secret(), ping.body()), ping.header("X-Hoist-Signature-256"));

            long first = Hooks.awaitDeliveries(hook.id(), WAIT, d -> WebhookDelivery.DELIVERED.equals(d.get(0).state)).get(0).id;
            owner.submit(hook.path(), hook.path() + "/deliveries/" + first + "/redeliver", Map.of()).then().statusCode(303);
            Receiver.Request again = receiver.await(2, WAIT).get(1);
            assertEquals(ping.body(), again.body());
            assertNotEquals(ping.header("X-Hoist-Delivery"), again.header("X-Hoist-Delivery"));
            List<WebhookDelivery> log = Hooks.awaitDeliveries(hook.id(), WAIT,
                    d -> d.size() == 2 && d.stream().allMatch(x -> WebhookDelivery.DELIVERED.equals(x.state)));
            assertEquals(first, log.get(0).redeliveryOf);

            // Someone else's delivery id, or no such one, is 404, and nothing is sent.
            owner.submit(hook.path(), hook.path() + "/deliveries/999999999/redeliver", Map.of()).then().statusCode(404);
        }
    }

    @Test
    void testEventsAndRedeliveriesAreLimitedPerWebhook() {
        String me = Visitor.uniqueName("hookcannon");
        Visitor owner = People.verified(me);
        Repos.create(owner, me, "app", false, "", "");
        Hooks.Made hook = Hooks.create(owner, "/r/" + me + "/app/settings/webhooks", "http://127.0.0.2:1/", "docker-hub",
                "image_pushed");
        // Switched off, so that the queued pings stay in the queue and nothing is sent.
        owner.submit(hook.path(), hook.path(), Map.of("name", "CI", "url", "http://127.0.0.2:1/", "format", "docker-hub",
                "events", "image_pushed")).then().statusCode(303);
        String token = owner.csrfToken(hook.path());
        for (int i = 0; i < WebhookService.MANUAL_PER_HOUR; i++) {
            owner.post(hook.path() + "/test", Map.of("csrf-token", token)).then().statusCode(303);
        }
        owner.post(hook.path() + "/test", Map.of("csrf-token", token)).then().statusCode(429)
                .body(containsString("Too many test events and redeliveries"));
        long first = Hooks.deliveries(hook.id()).get(0).id;
        owner.post(hook.path() + "/deliveries/" + first + "/redeliver", Map.of("csrf-token", token)).then().statusCode(429);
        assertEquals(WebhookService.MANUAL_PER_HOUR, Hooks.deliveries(hook.id()).size());
        assertTrue(Hooks.deliveries(hook.id()).stream().allMatch(d -> d.attempts == 0));
    }

    @Test
    void aWebhookFailingForADayIsSwitchedOffAndItsOwnerToldByMail() throws Exception {
        String me = Visitor.uniqueName("hookoff");
        Visitor owner = People.verified(me);
        Repos.create(owner, me, "app", false, "", "");
        try (Receiver receiver = new Receiver().answering(n -> 503)) {
            Hooks.Made hook = Hooks.create(owner, "/r/" + me + "/app/settings/webhooks", receiver.url("/"), "docker-hub",
                    "image_pushed");
            Pushes.image(me, me + "/app", "1.0");
            Hooks.awaitDeliveries(hook.id(), WAIT, d -> d.size() == 1 && d.get(0).lastAttemptAt != null);
            assertNotNull(Hooks.webhook(hook.id()).failingSince);
            // As if the failures began a day and an hour ago (the setting is hoist.webhooks.disable-after, 24 h).
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "UPDATE webhooks SET failing_since = now() - interval '25 hours' WHERE id = ?1")
                    .setParameter(1, hook.id()).executeUpdate());

            long end = System.nanoTime() + WAIT.toNanos();
            while (Hooks.webhook(hook.id()).active && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            Webhook off = Hooks.webhook(hook.id());
            assertFalse(off.active);
            assertTrue(off.disabledReason.contains("every delivery failed"), off.disabledReason);
            assertEquals(WebhookDelivery.FAILED, Hooks.deliveries(hook.id()).get(0).state);
            List<WebhookUpdated> switched = recorded.of(WebhookUpdated.class).stream().filter(e -> e.webhookId() == hook.id()).toList();
            assertEquals(1, switched.size(), switched.toString());
            assertNull(switched.get(0).actor());
            assertFalse(switched.get(0).active());
            // The mail leaves after the switch-off committed.
            String mail = MailResource.newestMailTo(me + "@example.test");
            for (int i = 0; i < 100 && !mail.contains("switched off"); i++) {
                Thread.sleep(100);
                mail = MailResource.newestMailTo(me + "@example.test");
            }
            assertTrue(mail.contains("switched off"), mail);
            assertTrue(mail.contains(hook.path()), mail);
            owner.get(hook.path()).then().body(containsString("Switched off by Hoist"));

            // Off means off: a push queues nothing for it.
            int before = receiver.received().size();
            Pushes.image(me, me + "/app", "2.0");
            Thread.sleep(1000);
            assertEquals(before, receiver.received().size());
            assertEquals(1, Hooks.deliveries(hook.id()).size());

            // Switched on again by its owner, it starts afresh.
            owner.submit(hook.path(), hook.path(), Map.of("name", "CI", "url", receiver.url("/"), "format", "docker-hub",
                    "events", "image_pushed", "active", "on")).then().statusCode(303);
            Webhook on = Hooks.webhook(hook.id());
            assertTrue(on.active);
            assertEquals(null, on.disabledReason);
            assertEquals(null, on.failingSince);
        }
    }
}
