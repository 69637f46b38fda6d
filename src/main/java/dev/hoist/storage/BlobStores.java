package dev.hoist.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Makes the application's one {@link BlobStore}. */
@ApplicationScoped
public class BlobStores {

    private static final Logger LOG = Logger.getLogger(BlobStores.class);

    /** Uploads untouched this long were abandoned, or cut off by a crash. */
    public static final Duration STALE_UPLOAD_AGE = Duration.ofHours(24);

    @ConfigProperty(name = "hoist.data-dir", defaultValue = "data")
    String dataDir;

    @Inject
    StorageConfig config;

    @Produces
    @ApplicationScoped
    BlobStore blobStore() {
        Path root = config.root().filter(s -> !s.isBlank()).map(Path::of).orElse(Path.of(dataDir, "blobs"));
        FilesystemBlobStore store = new FilesystemBlobStore(root);
        int purged = store.purgeStaleUploads(STALE_UPLOAD_AGE);
        LOG.infof("Blobs in %s; %d stale uploads removed", store.root(), purged);
        return store;
    }
}
