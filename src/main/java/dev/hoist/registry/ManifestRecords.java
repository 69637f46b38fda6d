package dev.hoist.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code manifests} rows: each repository's manifests by digest, with their bytes. Plain SQL:
 * the registry alone writes them and reads them in bulk.
 */
@ApplicationScoped
@Transactional
public class ManifestRecords {

    /** A stored manifest. */
    public record StoredManifest(long id, String digest, String mediaType, String artifactType, byte[] content) {
    }

    /** A manifest that names another as its subject, for the referrers API. */
    public record Referrer(String digest, String mediaType, String artifactType, long size, Map<String, String> annotations) {
    }

    @Inject
    EntityManager em;

    /**
     * Stores the manifest (or finds the same bytes stored before) and returns its id. Pushes go
     * through {@link BlobReferences#saveManifest}, which also records the blobs it uses.
     */
    public long save(long repoId, String digest, ParsedManifest m, byte[] content, String pushedBy) {
        em.createNativeQuery("""
                INSERT INTO manifests (repository_id, digest, media_type, artifact_type, subject_digest, content,
                                       total_size, platforms, pushed_by)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                ON CONFLICT (repository_id, digest) DO NOTHING
                """)
                .setParameter(1, repoId).setParameter(2, digest).setParameter(3, m.mediaType())
                .setParameter(4, m.artifactType()).setParameter(5, m.subject()).setParameter(6, content)
                .setParameter(7, m.totalSize()).setParameter(8, m.platforms()).setParameter(9, pushedBy)
                .executeUpdate();
        return ((Number) em.createNativeQuery("SELECT id FROM manifests WHERE repository_id = ?1 AND digest = ?2")
                .setParameter(1, repoId).setParameter(2, digest).getSingleResult()).longValue();
    }

    public Optional<StoredManifest> byDigest(long repoId, String digest) {
        return manifest("m.repository_id = ?1 AND m.digest = ?2", repoId, digest);
    }

    public Optional<StoredManifest> byTag(long repoId, String tag) {
        return manifest("m.id = (SELECT manifest_id FROM tags WHERE repository_id = ?1 AND name = ?2)", repoId, tag);
    }

    private Optional<StoredManifest> manifest(String where, long repoId, String key) {
        List<?> rows = em.createNativeQuery("SELECT m.id, m.digest, m.media_type, m.artifact_type, m.content "
                + "FROM manifests m WHERE " + where)
                .setParameter(1, repoId).setParameter(2, key).getResultList();
        return rows.stream().findFirst().map(r -> {
            Object[] row = (Object[]) r;
            return new StoredManifest(((Number) row[0]).longValue(), (String) row[1], (String) row[2], (String) row[3],
                    (byte[]) row[4]);
        });
    }

    /** The stored length of each of the manifests {@code digests} the repository has, in one query. */
    @SuppressWarnings("unchecked")
    public Map<String, Long> sizes(long repoId, Collection<String> digests) {
        if (digests.isEmpty()) {
            return Map.of();
        }
        // Digests never hold a space: one text parameter instead of a bind per digest.
        List<Object[]> rows = em.createNativeQuery("SELECT digest, octet_length(content) FROM manifests"
                + " WHERE repository_id = ?1 AND digest = ANY(string_to_array(?2, ' '))")
                .setParameter(1, repoId).setParameter(2, String.join(" ", digests)).getResultList();
        Map<String, Long> sizes = new HashMap<>();
        rows.forEach(r -> sizes.put((String) r[0], ((Number) r[1]).longValue()));
        return sizes;
    }

    /** Deletes the manifest; its tags and blob uses go with it (foreign keys cascade). */
    public boolean delete(long repoId, String digest) {
        return em.createNativeQuery("DELETE FROM manifests WHERE repository_id = ?1 AND digest = ?2")
                .setParameter(1, repoId).setParameter(2, digest).executeUpdate() > 0;
    }

    @SuppressWarnings("unchecked")
    public List<Referrer> referrers(long repoId, String subject, String artifactType) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT digest, media_type, artifact_type, octet_length(content), content FROM manifests
                WHERE repository_id = ?1 AND subject_digest = ?2 AND (CAST(?3 AS varchar) IS NULL OR artifact_type = ?3)
                ORDER BY created_at, digest
                """)
                .setParameter(1, repoId).setParameter(2, subject).setParameter(3, artifactType).getResultList();
        return rows.stream().map(r -> new Referrer((String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).longValue(),
                ParsedManifest.annotations((byte[]) r[4]))).toList();
    }
}
