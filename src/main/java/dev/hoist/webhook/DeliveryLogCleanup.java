package dev.hoist.webhook;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

/**
 * The delivery log keeps finished deliveries for {@code hoist.webhooks.log-retention} (30 days);
 * older ones are deleted hourly in batches, so one run never holds a long lock. Queued ones stay.
 */
@ApplicationScoped
public class DeliveryLogCleanup {

    private static final Logger LOG = Logger.getLogger(DeliveryLogCleanup.class);
    private static final int BATCH = 1000;

    @Inject
    EntityManager em;

    @Inject
    WebhookConfig config;

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void hourly() {
        try {
            deleteOld();
        } catch (RuntimeException e) {
            LOG.warnf("Old webhook deliveries could not be deleted this hour: %s", e.getMessage());
        }
    }

    /** Deletes finished deliveries older than the retention; returns how many. */
    public int deleteOld() {
        int total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                    DELETE FROM webhook_deliveries WHERE id IN (
                      SELECT id FROM webhook_deliveries
                      WHERE state <> 'PENDING' AND created_at < now() - ?1 * interval '1 second'
                      LIMIT ?2 FOR UPDATE SKIP LOCKED)""")
                    .setParameter(1, config.logRetention().toSeconds()).setParameter(2, BATCH).executeUpdate());
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
