package dev.hoist.webhook;

import dev.hoist.model.Webhook;
import dev.hoist.model.events.DomainEvent;
import dev.hoist.model.events.WebhookUpdated;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What an attempt leaves behind: the log entry of the delivery, its next attempt (backoff) or the
 * end of its retries, and the webhook's run of failures, which switches it off when it lasts.
 */
@ApplicationScoped
public class Attempts {

    @Inject
    EntityManager em;

    @Inject
    WebhookConfig config;

    @Inject
    Event<DomainEvent> events;

    /** Records the attempt; returns the webhook when this failure switched it off (one copy wins that). */
    public Optional<Webhook> record(Claims.Claimed claimed, Sender.Result result) {
        return QuarkusTransaction.requiringNew().call(() -> {
            boolean delivered = result.delivered();
            // Errors and 5xx are worth another try; a 4xx says the receiver will not take it.
            boolean retry = !delivered && (result.status() == null || result.status() >= 500 || result.status() == 429);
            long delay = backoff(claimed.attempt()).toMillis();
            em.createNativeQuery("""
                    UPDATE webhook_deliveries SET
                      last_attempt_at = now(), status_code = ?2, duration_ms = ?3, error = ?4,
                      request_headers = ?5, response_headers = ?6, response_body = ?7,
                      state = CASE WHEN ?8 THEN 'DELIVERED'
                                   WHEN ?9 AND now() + ?10 * interval '1 millisecond' < created_at + ?11 * interval '1 millisecond'
                                     THEN 'PENDING' ELSE 'FAILED' END,
                      next_attempt_at = now() + ?10 * interval '1 millisecond'
                    WHERE id = ?1""")
                    .setParameter(1, claimed.id()).setParameter(2, result.status())
                    .setParameter(3, (int) Math.min(result.millis(), Integer.MAX_VALUE))
                    .setParameter(4, result.error()).setParameter(5, result.requestHeaders())
                    .setParameter(6, result.responseHeaders()).setParameter(7, clean(result.responseBody()))
                    .setParameter(8, delivered).setParameter(9, retry).setParameter(10, delay)
                    .setParameter(11, config.giveUpAfter().toMillis())
                    .executeUpdate();
            if (claimed.webhookId() == null) {
                return Optional.<Webhook>empty();
            }
            if (delivered) {
                em.createNativeQuery("UPDATE webhooks SET failing_since = NULL WHERE id = ?1 AND failing_since IS NOT NULL")
                        .setParameter(1, claimed.webhookId()).executeUpdate();
                return Optional.<Webhook>empty();
            }
            return failed(claimed.webhookId());
        });
    }

    /** Starts or continues the webhook's run of failures; one statement decides whether it ends it. */
    private Optional<Webhook> failed(long webhookId) {
        em.createNativeQuery("UPDATE webhooks SET failing_since = now() WHERE id = ?1 AND failing_since IS NULL")
                .setParameter(1, webhookId).executeUpdate();
        @SuppressWarnings("unchecked")
        List<Number> off = em.createNativeQuery("""
                UPDATE webhooks SET active = false, disabled_reason = ?2
                WHERE id = ?1 AND active AND failing_since <= now() - ?3 * interval '1 millisecond'
                RETURNING id""")
                .setParameter(1, webhookId)
                .setParameter(2, "Switched off by Hoist: every delivery failed for " + human(config.disableAfter()) + ".")
                .setParameter(3, config.disableAfter().toMillis())
                .getResultList();
        if (off.isEmpty()) {
            return Optional.empty();
        }
        // Its queue is of no use now: nobody wants a day of old events when they switch it back on.
        em.createNativeQuery("""
                UPDATE webhook_deliveries SET state = 'FAILED', error = coalesce(error, 'The webhook was switched off.')
                WHERE webhook_id = ?1 AND state = 'PENDING'""").setParameter(1, webhookId).executeUpdate();
        em.flush();
        em.clear();
        Webhook switchedOff = Webhook.findById(webhookId);
        WebhookScope scope = WebhookScope.of(switchedOff);
        // Hoist did it on its own: no actor.
        events.fire(new WebhookUpdated(Instant.now(), null, scope.organizationName(), scope.repositoryName(), switchedOff.id,
                switchedOff.name, switchedOff.url, false));
        return Optional.of(switchedOff);
    }

    /** retry-base, doubled after each failed attempt, at most retry-max. */
    Duration backoff(int attempt) {
        Duration delay = config.retryBase();
        for (int i = 1; i < attempt && delay.compareTo(config.retryMax()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(config.retryMax()) > 0 ? config.retryMax() : delay;
    }

    static String human(Duration d) {
        return d.toHours() >= 1 ? d.toHours() + " h" : d.toMinutes() >= 1 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    /** PostgreSQL text takes no NUL. */
    private static String clean(String text) {
        return text == null ? null : text.replace("\u0000", "");
    }
}
