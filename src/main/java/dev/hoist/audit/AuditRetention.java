package dev.hoist.audit;

import dev.hoist.platform.HoistConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Deletes entries older than {@code hoist.audit.retention}, every hour, a batch a transaction so
 * that a year of backlog never holds one long lock. One copy of Hoist at a time: each batch takes
 * a PostgreSQL advisory lock first, and a copy that finds it taken leaves the work to the other.
 */
@ApplicationScoped
public class AuditRetention {

    private static final Logger LOG = Logger.getLogger("hoist.audit");

    /** Key of the advisory lock (an arbitrary constant of Hoist's own: "audt"). */
    static final long LOCK = 0x61756474L;
    static final int BATCH = 1000;

    @Inject
    EntityManager em;

    @Inject
    HoistConfig config;

    @Scheduled(identity = "audit-retention", every = "1h", delayed = "11m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void hourly() {
        int deleted = purge();
        if (deleted > 0) {
            LOG.infof("Deleted %d audit entries older than %s", deleted, config.audit().retention());
        }
    }

    /** Deletes every entry older than the retention; returns how many (0 when another copy is at it). */
    public int purge() {
        Instant cutoff = Instant.now().minus(config.audit().retention());
        int total = 0;
        while (true) {
            Integer deleted = QuarkusTransaction.requiringNew().call(() -> batch(cutoff));
            if (deleted == null) {
                return total;
            }
            total += deleted;
            if (deleted < BATCH) {
                return total;
            }
        }
    }

    /** One batch, or null when another copy holds the lock. */
    private Integer batch(Instant cutoff) {
        boolean locked = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)").setParameter(1, LOCK)
                .getSingleResult();
        if (!locked) {
            return null;
        }
        // The append-only trigger lets a delete through only when the transaction says it is the retention's.
        em.createNativeQuery("SELECT set_config('hoist.audit_retention', 'on', true)").getSingleResult();
        return em.createNativeQuery("""
                DELETE FROM audit_log WHERE id IN (
                  SELECT id FROM audit_log WHERE at < ?1 ORDER BY at, id LIMIT ?2)
                """).setParameter(1, Timestamp.from(cutoff)).setParameter(2, BATCH).executeUpdate();
    }
}
