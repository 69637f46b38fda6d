package dev.hoist.registry;

import dev.hoist.platform.Listing;
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
 * The registry's rows in PostgreSQL: which repository may serve which blob, manifests, tags and
 * upload sessions. Plain SQL: these tables are written by the registry alone and read in bulk.
 */
@ApplicationScoped
@Transactional
public class Metadata {

    /** A stored manifest. */
    public record StoredManifest(long id, String digest, String mediaType, String artifactType, byte[] content) {
    }

    /** A tag as the repository page shows it. */
    public record TagRow(String name, String digest, String mediaType, long size, String platforms, String pushedBy,
            java.time.Instant updatedAt) {

        public String shortDigest() {
            return digest.substring(0, Math.min(digest.length(), 19));
        }

        /** Compressed size in human units, as Docker Hub shows it. */
        public String sizeLabel() {
            if (size < 0) {
                return "unknown"; // stored before descriptor sizes were checked against the blobs
            }
            String[] units = { "B", "KB", "MB", "GB", "TB" };
            double value = size;
            int unit = 0;
            while (value >= 1000 && unit < units.length - 1) {
                value /= 1000;
                unit++;
            }
            return unit == 0 ? size + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
        }
    }

    /** A manifest that names another as its subject, for the referrers API. */
    public record Referrer(String digest, String mediaType, String artifactType, long size) {
    }

    @Inject
    EntityManager em;

    @Inject
    dev.hoist.quota.Quotas quotas;

    public Optional<Long> blobSize(long repoId, String digest) {
        List<?> rows = em.createNativeQuery("SELECT size FROM repository_blobs WHERE repository_id = ?1 AND digest = ?2")
                .setParameter(1, repoId).setParameter(2, digest).getResultList();
        return rows.stream().findFirst().map(r -> ((Number) r).longValue());
    }

    /** The stored size of each of {@code digests} the repository has, in one query. */
    public Map<String, Long> blobSizes(long repoId, Collection<String> digests) {
        return sizes("SELECT digest, size FROM repository_blobs", repoId, digests);
    }

    /** The stored length of each of the manifests {@code digests} the repository has, in one query. */
    public Map<String, Long> manifestSizes(long repoId, Collection<String> digests) {
        return sizes("SELECT digest, octet_length(content) FROM manifests", repoId, digests);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> sizes(String select, long repoId, Collection<String> digests) {
        if (digests.isEmpty()) {
            return Map.of();
        }
        // Digests never hold a space: one text parameter instead of a bind per digest.
        List<Object[]> rows = em.createNativeQuery(select
                + " WHERE repository_id = ?1 AND digest = ANY(string_to_array(?2, ' '))")
                .setParameter(1, repoId).setParameter(2, String.join(" ", digests)).getResultList();
        Map<String, Long> sizes = new HashMap<>();
        rows.forEach(r -> sizes.put((String) r[0], ((Number) r[1]).longValue()));
        return sizes;
    }

    public boolean unlinkBlob(long repoId, String digest) {
        return em.createNativeQuery("DELETE FROM repository_blobs WHERE repository_id = ?1 AND digest = ?2")
                .setParameter(1, repoId).setParameter(2, digest).executeUpdate() > 0;
    }

    /** Opens an upload session of the account, counted against its open sessions in the same step. */
    public void startUpload(String id, long repoId, long accountId) {
        commitWithoutWaitingForDisk();
        quotas.checkUploadSessions(accountId);
        em.createNativeQuery("INSERT INTO uploads (id, repository_id, account_id) VALUES (?1, ?2, ?3)")
                .setParameter(1, id).setParameter(2, repoId).setParameter(3, accountId).executeUpdate();
    }

    public boolean uploadBelongsTo(String id, long repoId) {
        return !em.createNativeQuery("SELECT 1 FROM uploads WHERE id = ?1 AND repository_id = ?2")
                .setParameter(1, id).setParameter(2, repoId).getResultList().isEmpty();
    }

    public void touchUpload(String id) {
        commitWithoutWaitingForDisk();
        em.createNativeQuery("UPDATE uploads SET updated_at = now() WHERE id = ?1").setParameter(1, id).executeUpdate();
    }

    public void endUpload(String id) {
        commitWithoutWaitingForDisk();
        em.createNativeQuery("DELETE FROM uploads WHERE id = ?1").setParameter(1, id).executeUpdate();
    }

    /**
     * Stores the manifest (or finds the same bytes stored before) and returns its id. Pushes go
     * through {@link BlobReferences#saveManifest}, which also records the blobs it uses.
     */
    public long saveManifest(long repoId, String digest, ParsedManifest m, byte[] content, String pushedBy) {
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

    public void tag(long repoId, String tag, long manifestId, String pushedBy) {
        em.createNativeQuery("""
                INSERT INTO tags (repository_id, name, manifest_id, pushed_by) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (repository_id, name) DO UPDATE SET manifest_id = excluded.manifest_id,
                    pushed_by = excluded.pushed_by, updated_at = now()
                """)
                .setParameter(1, repoId).setParameter(2, tag).setParameter(3, manifestId).setParameter(4, pushedBy)
                .executeUpdate();
        em.createNativeQuery("UPDATE repositories SET last_pushed_at = now() WHERE id = ?1").setParameter(1, repoId)
                .executeUpdate();
    }

    public void markPushed(long repoId) {
        em.createNativeQuery("UPDATE repositories SET last_pushed_at = now() WHERE id = ?1").setParameter(1, repoId)
                .executeUpdate();
    }

    public Optional<StoredManifest> manifestByDigest(long repoId, String digest) {
        return manifest("m.repository_id = ?1 AND m.digest = ?2", repoId, digest);
    }

    public Optional<StoredManifest> manifestByTag(long repoId, String tag) {
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

    public boolean deleteManifest(long repoId, String digest) {
        return em.createNativeQuery("DELETE FROM manifests WHERE repository_id = ?1 AND digest = ?2")
                .setParameter(1, repoId).setParameter(2, digest).executeUpdate() > 0;
    }

    public boolean deleteTag(long repoId, String tag) {
        return em.createNativeQuery("DELETE FROM tags WHERE repository_id = ?1 AND name = ?2")
                .setParameter(1, repoId).setParameter(2, tag).executeUpdate() > 0;
    }

    @SuppressWarnings("unchecked")
    public List<String> tags(long repoId, String after, int limit) {
        return em.createNativeQuery("SELECT name FROM tags WHERE repository_id = ?1 AND name > ?2 ORDER BY name COLLATE \"C\" LIMIT ?3")
                .setParameter(1, repoId).setParameter(2, after == null ? "" : after).setParameter(3, limit)
                .getResultList();
    }

    @SuppressWarnings("unchecked")
    public List<Referrer> referrers(long repoId, String subject, String artifactType) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT digest, media_type, artifact_type, octet_length(content) FROM manifests
                WHERE repository_id = ?1 AND subject_digest = ?2 AND (CAST(?3 AS varchar) IS NULL OR artifact_type = ?3)
                ORDER BY created_at, digest
                """)
                .setParameter(1, repoId).setParameter(2, subject).setParameter(3, artifactType).getResultList();
        return rows.stream().map(r -> new Referrer((String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).longValue()))
                .toList();
    }

    @SuppressWarnings("unchecked")
    /** Tags shown on a Tags page. */
    public static final int TAG_PAGE_SIZE = 25;

    /**
     * One page of a repository's tags, most recently pushed first: two queries however many tags
     * it has. A page past the end shows the last one.
     */
    public Listing<TagRow> tagRows(long repoId, int page) {
        long total = ((Number) em.createNativeQuery("SELECT count(*) FROM tags WHERE repository_id = ?1")
                .setParameter(1, repoId).getSingleResult()).longValue();
        Listing<TagRow> empty = new Listing<>(List.of(), page, TAG_PAGE_SIZE, total);
        empty = new Listing<>(List.of(), Math.min(page, empty.pages()), TAG_PAGE_SIZE, total);
        if (total == 0) {
            return empty;
        }
        List<Object[]> rows = em.createNativeQuery("""
                SELECT t.name, m.digest, m.media_type, m.total_size, m.platforms, t.pushed_by, t.updated_at
                FROM tags t JOIN manifests m ON m.id = t.manifest_id
                WHERE t.repository_id = ?1 ORDER BY t.updated_at DESC, t.name LIMIT ?2 OFFSET ?3
                """).setParameter(1, repoId).setParameter(2, TAG_PAGE_SIZE).setParameter(3, empty.offset()).getResultList();
        return empty.with(rows.stream().map(r -> new TagRow((String) r[0], (String) r[1], (String) r[2],
                ((Number) r[3]).longValue(), (String) r[4], (String) r[5], toInstant(r[6]))).toList());
    }

    private static java.time.Instant toInstant(Object value) {
        if (value instanceof java.time.Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    public void countPull(long repoId) {
        commitWithoutWaitingForDisk();
        em.createNativeQuery("UPDATE repositories SET pull_count = pull_count + 1 WHERE id = ?1").setParameter(1, repoId)
                .executeUpdate();
    }

    /**
     * Upload sessions and pull counts are not worth a disk flush per request: this transaction's
     * commit does not wait for the write-ahead log. A crash may forget its last fraction of a
     * second (a client then restarts its upload, a pull goes uncounted), never corrupt anything.
     * Blob references and manifests keep waiting, so a 201 is always durable.
     */
    private void commitWithoutWaitingForDisk() {
        em.createNativeQuery("SELECT set_config('synchronous_commit', 'off', true)").getSingleResult();
    }
}
