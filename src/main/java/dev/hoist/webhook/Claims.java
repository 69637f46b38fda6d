package dev.hoist.webhook;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;

/**
 * Takes due deliveries for this copy of Hoist. One statement locks due rows nobody else holds
 * ({@code FOR UPDATE SKIP LOCKED}), counts the attempt and leases them: their next attempt moves
 * past the time one attempt may take, so no other copy takes them meanwhile, and if this copy dies
 * mid-attempt another one retries once the lease runs out. So every attempt is made once.
 */
@ApplicationScoped
public class Claims {

    /** A claimed delivery: what to send and where. */
    public record Claimed(long id, UUID deliveryId, Long webhookId, String endpoint, String event, String body, int attempt) {
    }

    @Inject
    EntityManager em;

    @Inject
    WebhookConfig config;

    /** Claims at most {@code limit} due deliveries of active webhooks and configured endpoints. */
    public List<Claimed> claim(int limit) {
        long leaseMillis = config.timeout().toMillis() + 60_000;
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    UPDATE webhook_deliveries d
                    SET attempts = d.attempts + 1, next_attempt_at = now() + ?2 * interval '1 millisecond'
                    WHERE d.id IN (
                      SELECT q.id FROM webhook_deliveries q
                      WHERE q.state = 'PENDING' AND q.next_attempt_at <= now()
                        AND (q.webhook_id IS NULL OR EXISTS (SELECT 1 FROM webhooks w WHERE w.id = q.webhook_id AND w.active))
                      ORDER BY q.next_attempt_at
                      LIMIT ?1
                      FOR UPDATE OF q SKIP LOCKED)
                    RETURNING d.id, d.delivery_id, d.webhook_id, d.endpoint, d.event, d.body, d.attempts""")
                    .setParameter(1, limit)
                    .setParameter(2, leaseMillis)
                    .getResultList();
            return rows.stream().map(r -> new Claimed(((Number) r[0]).longValue(), (UUID) r[1],
                    r[2] == null ? null : ((Number) r[2]).longValue(), (String) r[3], (String) r[4], (String) r[5],
                    ((Number) r[6]).intValue())).toList();
        });
    }
}
