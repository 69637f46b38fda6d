package dev.hoist.quota;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Each creation deletes its account's rows older than a minute; this drops those of accounts
 * that stopped creating, so the table holds at most the last minute.
 */
@ApplicationScoped
public class RecentCreationsCleanup {

    @Inject
    EntityManager em;

    @Scheduled(identity = "recent-creations", every = "1h", delayed = "7m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void purge() {
        em.createNativeQuery("DELETE FROM recent_creations WHERE created_at < clock_timestamp() - interval '1 minute'")
                .executeUpdate();
    }
}
