package dev.hoist.registry;

import dev.hoist.platform.HoistConfig;
import dev.hoist.storage.BlobNotFoundException;
import dev.hoist.storage.BlobStore;
import dev.hoist.storage.Digest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Online garbage collection of blobs, run while pushes go on in every copy of Hoist.
 *
 * <p>A repository's reference to a blob ({@code repository_blobs}) is live while a manifest of that
 * repository uses the blob ({@code manifest_blobs}) or while it is younger than the grace period:
 * clients upload layers before the manifest that names them. A blob is live while any reference
 * is. The collector first drops stale references, then removes blobs that no reference names.
 *
 * <p>Why no push loses a blob: every step here runs in its own transaction under the digest's
 * exclusive advisory lock ({@link BlobLocks}), taken only if free, and re-checks its condition
 * after taking it. Whatever creates a reference (upload commit, mount, manifest PUT, see
 * {@link BlobReferences}) holds the same lock shared while it checks what it relies on and
 * writes. So either the reference is committed first, and the re-check here sees it, or the
 * collector commits first, and the creator's own check sees the reference or blob gone: a mount
 * then finds nothing to copy (the client uploads instead) and a manifest names an unknown blob.
 * A blob being uploaded has no reference yet, so the lock cannot cover it; its file is stored
 * just before its reference and the store keeps blobs stored after the cutoff
 * ({@link BlobStore#deleteIfStoredBefore}), so it is safe as long as the grace period is longer
 * than a commit.
 */
@ApplicationScoped
public class GarbageCollector {

    private static final Logger LOG = Logger.getLogger("hoist.gc");
    private static final int BATCH = 500;

    /** A reference older than the cutoff ({@code ?1}) that no manifest of its repository uses. */
    private static final String STALE = "rb.created_at < ?1 AND NOT EXISTS (SELECT 1 FROM manifest_blobs mb "
            + "WHERE mb.repository_id = rb.repository_id AND mb.digest = rb.digest)";

    /** What one run freed. */
    public record Freed(int references, int blobs, long bytes) {
    }

    @Inject
    EntityManager em;

    @Inject
    BlobLocks locks;

    @Inject
    BlobStore store;

    @Inject
    HoistConfig config;

    /** Every {@code hoist.gc.interval}; copies of Hoist that run at once only skip each other's locked digests. */
    @Scheduled(identity = "blob-gc", every = "${hoist.gc.interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        collect();
    }

    public Freed collect() {
        return collect(config.gc().grace());
    }

    public Freed collect(Duration grace) {
        long started = System.nanoTime();
        Instant cutoff = Instant.now().minus(grace);
        int references = dropStaleReferences(cutoff);
        Freed freed = removeUnreferencedBlobs(cutoff, references);
        LOG.infof("Garbage collection freed %d blobs (%d bytes) and dropped %d unused blob references older than %s, in %d ms",
                freed.blobs(), freed.bytes(), freed.references(), grace, (System.nanoTime() - started) / 1_000_000);
        return freed;
    }

    private int dropStaleReferences(Instant cutoff) {
        int dropped = 0;
        String after = "";
        while (true) {
            String from = after;
            List<String> digests = inTransaction(() -> staleDigests(cutoff, from));
            for (String digest : digests) {
                dropped += inTransaction(() -> locks.tryExclusive(digest) ? dropStale(digest, cutoff) : 0);
            }
            if (digests.size() < BATCH) {
                return dropped;
            }
            after = digests.get(digests.size() - 1);
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> staleDigests(Instant cutoff, String after) {
        return em.createNativeQuery("SELECT DISTINCT rb.digest FROM repository_blobs rb WHERE rb.digest > ?2 AND "
                + STALE + " ORDER BY rb.digest LIMIT " + BATCH)
                .setParameter(1, Timestamp.from(cutoff)).setParameter(2, after).getResultList();
    }

    private int dropStale(String digest, Instant cutoff) {
        return em.createNativeQuery("DELETE FROM repository_blobs rb WHERE rb.digest = ?2 AND " + STALE)
                .setParameter(1, Timestamp.from(cutoff)).setParameter(2, digest).executeUpdate();
    }

    private Freed removeUnreferencedBlobs(Instant cutoff, int references) {
        AtomicReference<Freed> freed = new AtomicReference<>(new Freed(references, 0, 0));
        try (Stream<Digest> all = store.digests()) {
            Iterator<Digest> digests = all.iterator();
            List<String> batch = new ArrayList<>();
            while (digests.hasNext()) {
                batch.add(digests.next().toString());
                if (batch.size() == BATCH || !digests.hasNext()) {
                    for (String digest : unreferenced(batch)) {
                        long size = inTransaction(() -> removeIfUnreferenced(digest, cutoff));
                        if (size >= 0) {
                            freed.updateAndGet(f -> new Freed(f.references(), f.blobs() + 1, f.bytes() + size));
                        }
                    }
                    batch.clear();
                }
            }
        }
        return freed.get();
    }

    private Set<String> unreferenced(List<String> digests) {
        Set<String> left = new HashSet<>(digests);
        @SuppressWarnings("unchecked")
        List<String> referenced = inTransaction(() -> em.createNativeQuery(
                "SELECT DISTINCT digest FROM repository_blobs WHERE digest IN (:digests)")
                .setParameter("digests", digests).getResultList());
        referenced.forEach(left::remove);
        return left;
    }

    /** The blob's size if it was removed, -1 if it stays. */
    private long removeIfUnreferenced(String digest, Instant cutoff) {
        if (!locks.tryExclusive(digest) || !em.createNativeQuery("SELECT 1 FROM repository_blobs WHERE digest = ?1")
                .setParameter(1, digest).getResultList().isEmpty()) {
            return -1;
        }
        Digest blob = Digest.parse(digest);
        try {
            long size = store.size(blob);
            return store.deleteIfStoredBefore(blob, cutoff) ? size : -1;
        } catch (BlobNotFoundException alreadyGone) {
            return -1;
        }
    }

    private static <T> T inTransaction(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }
}
