package dev.hoist.registry;

import dev.hoist.platform.Listing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/** The {@code tags} rows: each repository's tag names and the manifest each names now. */
@ApplicationScoped
@Transactional
public class TagRecords {

    /** Tags shown on a Tags page. */
    public static final int PAGE_SIZE = 25;

    /** A tag as the repository page shows it. */
    public record TagRow(String name, String digest, String mediaType, long size, String platforms, String pushedBy,
            Instant updatedAt) {

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
            return unit == 0 ? size + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
        }
    }

    @Inject
    EntityManager em;

    /** Points {@code tag} at the manifest, creating the tag or moving it. */
    public void tag(long repoId, String tag, long manifestId, String pushedBy) {
        tag(repoId, tag, manifestId, pushedBy, false);
    }

    /**
     * Points {@code tag} at the manifest; when {@code immutable}, an existing tag is moved only if
     * it names that manifest already. One statement: a concurrent push of the same tag waits on
     * the row (or the unique index) and then sees this one's result. Whether the tag now names it.
     */
    public boolean tag(long repoId, String tag, long manifestId, String pushedBy, boolean immutable) {
        return em.createNativeQuery("""
                INSERT INTO tags (repository_id, name, manifest_id, pushed_by) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (repository_id, name) DO UPDATE SET manifest_id = excluded.manifest_id,
                    pushed_by = excluded.pushed_by, updated_at = now()
                WHERE NOT ?5 OR tags.manifest_id = excluded.manifest_id
                """)
                .setParameter(1, repoId).setParameter(2, tag).setParameter(3, manifestId).setParameter(4, pushedBy)
                .setParameter(5, immutable).executeUpdate() > 0;
    }

    /** The names of the tags that name the manifest, locking it against a concurrent tagging (for a delete). */
    @SuppressWarnings("unchecked")
    public List<String> namingLocked(long repoId, String digest) {
        List<?> locked = em.createNativeQuery("SELECT id FROM manifests WHERE repository_id = ?1 AND digest = ?2 FOR UPDATE")
                .setParameter(1, repoId).setParameter(2, digest).getResultList();
        if (locked.isEmpty()) {
            return List.of();
        }
        return em.createNativeQuery("SELECT name FROM tags WHERE manifest_id = ?1 ORDER BY name")
                .setParameter(1, ((Number) locked.get(0)).longValue()).getResultList();
    }

    public boolean exists(long repoId, String tag) {
        return !em.createNativeQuery("SELECT 1 FROM tags WHERE repository_id = ?1 AND name = ?2")
                .setParameter(1, repoId).setParameter(2, tag).getResultList().isEmpty();
    }

    public boolean delete(long repoId, String tag) {
        return em.createNativeQuery("DELETE FROM tags WHERE repository_id = ?1 AND name = ?2")
                .setParameter(1, repoId).setParameter(2, tag).executeUpdate() > 0;
    }

    /**
     * Up to {@code limit} tag names after {@code after} in byte order, for the tags list API: the
     * comparison and the order both in bytes (index {@code tags_repository_name_bytes}), so that a
     * page after {@code last} starts exactly where the previous ended whatever the collation.
     */
    @SuppressWarnings("unchecked")
    public List<String> names(long repoId, String after, int limit) {
        return em.createNativeQuery("SELECT name FROM tags WHERE repository_id = ?1 AND name COLLATE \"C\" > ?2 "
                + "ORDER BY name COLLATE \"C\" LIMIT ?3")
                .setParameter(1, repoId).setParameter(2, after == null ? "" : after).setParameter(3, limit)
                .getResultList();
    }

    /**
     * One page of a repository's tags, most recently pushed first: two queries however many tags
     * it has. A page past the end shows the last one.
     */
    @SuppressWarnings("unchecked")
    public Listing<TagRow> page(long repoId, int page) {
        long total = ((Number) em.createNativeQuery("SELECT count(*) FROM tags WHERE repository_id = ?1")
                .setParameter(1, repoId).getSingleResult()).longValue();
        return Listing.of(page, PAGE_SIZE, total, (offset, limit) -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    SELECT t.name, m.digest, m.media_type, m.total_size, m.platforms, t.pushed_by, t.updated_at
                    FROM tags t JOIN manifests m ON m.id = t.manifest_id
                    WHERE t.repository_id = ?1 ORDER BY t.updated_at DESC, t.name LIMIT ?2 OFFSET ?3
                    """).setParameter(1, repoId).setParameter(2, limit).setParameter(3, offset).getResultList();
            return rows.stream().map(r -> new TagRow((String) r[0], (String) r[1], (String) r[2],
                    ((Number) r[3]).longValue(), (String) r[4], (String) r[5], toInstant(r[6]))).toList();
        });
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
