package dev.hoist.registry;

import dev.hoist.storage.BlobStore;
import dev.hoist.storage.Digest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code repository_blobs} and {@code manifest_blobs} rows: which repository may serve which
 * blob, and which of its manifests use it.
 *
 * <p>Every way a repository comes to reference a blob: an upload, a mount, a manifest. Each holds the
 * digest's shared {@link BlobLocks lock} while it checks what it relies on and writes the
 * reference, so that garbage collection, which re-checks under the exclusive lock, either sees
 * the new reference and keeps the blob, or finished first and the check here sees that.
 */
@ApplicationScoped
@Transactional
public class BlobReferences {

    @Inject
    EntityManager em;

    @Inject
    BlobLocks locks;

    @Inject
    BlobStore store;

    @Inject
    ManifestRecords manifests;

    /**
     * Records that the repository has the blob just uploaded. A re-upload restarts the grace
     * period. The blob's file was stored just now, which keeps it from the collector; checked
     * again here in case of a grace period shorter than this request. Its size is read under the
     * lock too: the collector, while it checks a blob's age, moves the file aside for a moment.
     */
    public void link(long repoId, Digest digest) {
        locks.share(List.of(digest.toString()));
        if (!store.exists(digest)) {
            throw new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID, "the blob was collected as it arrived; upload it again");
        }
        long size = store.size(digest);
        em.createNativeQuery("""
                INSERT INTO repository_blobs (repository_id, digest, size) VALUES (?1, ?2, ?3)
                ON CONFLICT (repository_id, digest) DO UPDATE SET created_at = now()
                """).setParameter(1, repoId).setParameter(2, digest.toString()).setParameter(3, size).executeUpdate();
    }

    /**
     * Gives the target repository a blob of the source, in one statement: if the collector took
     * the source's reference first there is nothing to copy, and the client uploads the blob.
     */
    public boolean mount(long targetId, long sourceId, Digest digest) {
        locks.share(List.of(digest.toString()));
        return em.createNativeQuery("""
                INSERT INTO repository_blobs (repository_id, digest, size)
                SELECT ?1, digest, size FROM repository_blobs WHERE repository_id = ?2 AND digest = ?3
                ON CONFLICT (repository_id, digest) DO UPDATE SET created_at = now()
                """).setParameter(1, targetId).setParameter(2, sourceId).setParameter(3, digest.toString())
                .executeUpdate() > 0;
    }

    /**
     * Stores the manifest with the blobs it uses. They were checked before; checked again under
     * the locks, since the collector may have dropped a stale reference in between.
     */
    public long saveManifest(long repoId, String digest, ParsedManifest manifest, byte[] content, String pushedBy) {
        Set<String> used = new LinkedHashSet<>(manifest.blobs());
        locks.share(used);
        if (!used.isEmpty()) {
            // One query for all of them: an image of twenty layers is one round trip, not twenty.
            @SuppressWarnings("unchecked")
            Set<String> present = new HashSet<>(em.createNativeQuery(
                    "SELECT digest FROM repository_blobs WHERE repository_id = :repo AND digest IN (:digests)")
                    .setParameter("repo", repoId).setParameter("digests", used).getResultList());
            for (String blob : used) {
                if (!present.contains(blob) && !manifest.foreign().contains(blob)) {
                    throw new RegistryException(ErrorCode.MANIFEST_BLOB_UNKNOWN, "blob unknown: " + blob, blob);
                }
            }
            used.retainAll(present); // a non-distributable layer never uploaded is not referenced

        }
        long id = manifests.save(repoId, digest, manifest, content, pushedBy);
        // An index's children are manifests, but a client may have pushed one as a blob too.
        used.addAll(manifest.children());
        if (!used.isEmpty()) {
            em.createNativeQuery("""
                    INSERT INTO manifest_blobs (manifest_id, repository_id, digest)
                    SELECT :manifest, :repo, unnest(string_to_array(:digests, ' '))
                    ON CONFLICT DO NOTHING
                    """).setParameter("manifest", id).setParameter("repo", repoId)
                    .setParameter("digests", String.join(" ", used)).executeUpdate();
        }
        return id;
    }

    /** The size of the blob if the repository has it. */
    public Optional<Long> size(long repoId, String digest) {
        List<?> rows = em.createNativeQuery("SELECT size FROM repository_blobs WHERE repository_id = ?1 AND digest = ?2")
                .setParameter(1, repoId).setParameter(2, digest).getResultList();
        return rows.stream().findFirst().map(r -> ((Number) r).longValue());
    }

    /** The stored size of each of {@code digests} the repository has, in one query. */
    @SuppressWarnings("unchecked")
    public Map<String, Long> sizes(long repoId, Collection<String> digests) {
        if (digests.isEmpty()) {
            return Map.of();
        }
        // Digests never hold a space: one text parameter instead of a bind per digest.
        List<Object[]> rows = em.createNativeQuery("SELECT digest, size FROM repository_blobs"
                + " WHERE repository_id = ?1 AND digest = ANY(string_to_array(?2, ' '))")
                .setParameter(1, repoId).setParameter(2, String.join(" ", digests)).getResultList();
        Map<String, Long> sizes = new HashMap<>();
        rows.forEach(r -> sizes.put((String) r[0], ((Number) r[1]).longValue()));
        return sizes;
    }

    /** Takes the blob from the repository; garbage collection frees the bytes once no repository has them. */
    public boolean unlink(long repoId, String digest) {
        return em.createNativeQuery("DELETE FROM repository_blobs WHERE repository_id = ?1 AND digest = ?2")
                .setParameter(1, repoId).setParameter(2, digest).executeUpdate() > 0;
    }
}
