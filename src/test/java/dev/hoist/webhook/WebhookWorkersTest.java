package dev.hoist.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.registry.Pushes;
import dev.hoist.support.People;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Several workers on one database send each delivery once; a slow receiver never slows a push. */
@QuarkusTest
class WebhookWorkersTest {

    @Inject
    DeliveryWorker worker;

    @Inject
    Outbox outbox;

    @Test
    void workersRacingOnOneQueueSendEachDeliveryOnce() throws Exception {
        String me = Visitor.uniqueName("hookrace");
        Visitor owner = People.verified(me);
        Repos.create(owner, me, "app", false, "", "");
        int deliveries = 60;
        try (Receiver receiver = new Receiver().slow(Duration.ofMillis(50))) {
            Hooks.Made hook = Hooks.create(owner, "/r/" + me + "/app/settings/webhooks", receiver.url("/"), "cloudevents",
                    "image_pushed");
            // Queued in one transaction, so the scheduled worker of this copy races the two below from the start.
            QuarkusTransaction.requiringNew().run(() -> {
                for (int i = 0; i < deliveries; i++) {
                    outbox.insert(UUID.randomUUID(), hook.id(), null, "image.pushed", "{\"n\":" + i + "}", null);
                }
            });
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> workers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                workers.add(pool.submit(() -> {
                    start.await();
                    int sent = 0;
                    for (int round = 0; round < 20; round++) {
                        sent += worker.deliverDue();
                    }
                    return sent;
                }));
            }
            start.countDown();
            for (Future<Integer> f : workers) {
                f.get();
            }
            pool.shutdown();
            List<Receiver.Request> got = receiver.await(deliveries, Duration.ofSeconds(20));
            Thread.sleep(500);
            got = receiver.received();
            Set<String> ids = got.stream().map(r -> r.header("X-Hoist-Delivery")).collect(Collectors.toSet());
            assertEquals(deliveries, got.size(), "every delivery sent exactly once");
            assertEquals(deliveries, ids.size());
            assertTrue(Hooks.deliveries(hook.id()).stream().allMatch(d -> d.attempts == 1 && "DELIVERED".equals(d.state)),
                    Hooks.describe(Hooks.deliveries(hook.id())));
        }
    }

    @Test
    void aPushIsNotSlowedByTwentySlowReceivers() throws Exception {
        String me = Visitor.uniqueName("hookslow");
        Visitor owner = People.verified(me);
        Repos.create(owner, me, "app", false, "", "");
        try (Receiver receiver = new Receiver().slow(Duration.ofSeconds(2))) {
            for (int i = 0; i < WebhookService.MAX_PER_SCOPE; i++) {
                Hooks.create(owner, "/r/" + me + "/app/settings/webhooks", receiver.url("/" + i), "docker-hub", "image_pushed");
            }
            Hooks.post(owner, "/r/" + me + "/app/settings/webhooks", receiver.url("/one-too-many"), "docker-hub", "image_pushed")
                    .then().statusCode(400);
            Pushes.image(me, me + "/app", "warm-up");
            receiver.await(20, Duration.ofSeconds(20));

            long start = System.nanoTime();
            Pushes.image(me, me + "/app", "1.0");
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();

            assertTrue(millis < 2000, "the push took " + millis + " ms");
            List<Receiver.Request> got = receiver.await(40, Duration.ofSeconds(20));
            assertEquals(20, got.subList(20, 40).stream().map(Receiver.Request::path).distinct().count());
        }
    }
}
