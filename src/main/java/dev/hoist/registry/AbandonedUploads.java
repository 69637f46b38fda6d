package dev.hoist.registry;

import dev.hoist.storage.BlobStore;
import dev.hoist.storage.BlobStores;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
    UploadSessions sessions;

    @Inject
    BlobStore store;

    @Scheduled(identity = "abandoned-uploads", every = "1h", delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void purge() {
        int rows = sessions.endUntouchedSince(Instant.now().minus(BlobStores.STALE_UPLOAD_AGE));
        int files = store.purgeStaleUploads(BlobStores.STALE_UPLOAD_AGE);
        if (rows + files > 0) {
            LOG.infof("Removed %d abandoned upload sessions and %d partial upload files", rows, files);
        }
    }
}
