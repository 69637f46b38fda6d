package dev.hoist.webhook;

import dev.hoist.model.Webhook;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Sends queued deliveries: every copy of Hoist polls, claims due rows ({@link Claims}), checks each
 * URL again ({@link UrlGuard}), sends them all at once ({@link Sender}) and records the outcomes
 * ({@link Attempts}). Nothing here runs on a request's thread.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    @Inject
    Claims claims;

    @Inject
    Sender sender;

    @Inject
    Attempts attempts;

    @Inject
    UrlGuard guard;

    @Inject
    SecretBox box;

    @Inject
    WebhookConfig config;

    @Inject
    WebhookMail mail;

    private record Destination(String url, String secret) {
    }

    @Scheduled(every = "${hoist.webhooks.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            LOG.warnf("Webhook deliveries could not be sent this round: %s", e.getMessage());
        }
    }

    /** One round: claims what is due and sends it; returns how many attempts were made. */
    public int deliverDue() {
        List<Claims.Claimed> claimed = claims.claim(config.batch());
        Map<Long, Destination> webhooks = webhookDestinations(claimed);
        List<CompletableFuture<Sender.Result>> sending = new ArrayList<>();
        for (Claims.Claimed c : claimed) {
            sending.add(start(c, webhooks));
        }
        for (int i = 0; i < claimed.size(); i++) {
            Sender.Result result = sending.get(i).join();
            Optional<Webhook> switchedOff = attempts.record(claimed.get(i), result);
            switchedOff.ifPresent(mail::switchedOff);
        }
        return claimed.size();
    }

    private CompletableFuture<Sender.Result> start(Claims.Claimed c, Map<Long, Destination> webhooks) {
        Destination to = destination(c, webhooks);
        if (to == null) {
            return CompletableFuture.completedFuture(refused("The endpoint " + c.endpoint() + " is no longer configured."));
        }
        UrlGuard.Target target;
        try {
            target = guard.check(to.url());
        } catch (UrlGuard.Refused e) {
            return CompletableFuture.completedFuture(refused("Refused: " + e.getMessage()));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", c.body().startsWith("{\"specversion\"") ? Payloads.CLOUDEVENTS_TYPE : Payloads.JSON_TYPE);
        headers.put("User-Agent", "Hoist-Webhooks/1.0");
        headers.put("X-Hoist-Event", c.event());
        headers.put("X-Hoist-Delivery", c.deliveryId().toString());
        headers.put("X-Hoist-Signature-256", Signatures.of(to.secret(), c.body()));
        return sender.post(target, headers, c.body());
    }

    private Destination destination(Claims.Claimed c, Map<Long, Destination> webhooks) {
        if (c.webhookId() == null) {
            WebhookConfig.Endpoint endpoint = config.endpoints().get(c.endpoint());
            return endpoint == null ? null : new Destination(endpoint.url(), endpoint.secret());
        }
        return webhooks.get(c.webhookId());
    }

    /** The URL and opened secret of every webhook in the round, read in one transaction (a push may have many). */
    private Map<Long, Destination> webhookDestinations(List<Claims.Claimed> claimed) {
        Set<Long> ids = claimed.stream().map(Claims.Claimed::webhookId).filter(Objects::nonNull).collect(Collectors.toSet());
        if (ids.isEmpty()) {
            return Map.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<Long, Destination> found = new HashMap<>();
            Webhook.<Webhook>list("id in ?1", ids).forEach(w -> found.put(w.id, new Destination(w.url, box.open(w.secretSealed))));
            return found;
        });
    }

    private static Sender.Result refused(String why) {
        return new Sender.Result(null, 0, "", null, null, why);
    }
}
