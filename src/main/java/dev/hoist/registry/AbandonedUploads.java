package dev.hoist.registry;

import dev.hoist.storage.BlobStore;
import dev.hoist.storage.BlobStores;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Upload sessions a client started and never finished (a cancelled CI job, a laptop closed
 * mid-push): their rows and partial files go once untouched for {@link BlobStores#STALE_UPLOAD_AGE},
 * on a running server too, not only at the next start.
 */
@ApplicationScoped
public class AbandonedUploads {

    private static final Logger LOG = Logger.getLogger(AbandonedUploads.class);

    @Inject
    EntityManager em;

    @Inject
    BlobStore store;

    @Scheduled(identity = "abandoned-uploads", every = "1h", delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void purge() {
        Timestamp cutoff = Timestamp.from(Instant.now().minus(BlobStores.STALE_UPLOAD_AGE));
        int rows = em.createNativeQuery("DELETE FROM uploads WHERE updated_at < ?1").setParameter(1, cutoff).executeUpdate();
        int files = store.purgeStaleUploads(BlobStores.STALE_UPLOAD_AGE);
        if (rows + files > 0) {
            LOG.infof("Removed %d abandoned upload sessions and %d partial upload files", rows, files);
        }
    }
}
