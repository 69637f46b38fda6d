package dev.hoist.registry;

import dev.hoist.model.ImmutableTags;
import dev.hoist.model.Repo;
import dev.hoist.model.RetentionRules;
import dev.hoist.model.TagPatterns;
import dev.hoist.platform.SqlTimes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a retention policy would delete from a repository now: the dry run shown before a policy
 * is switched on, and the list a run works through. Immutable tags and anything pushed within the
 * grace period are never in it. Two queries, however many tags.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class RetentionPlans {

    /** A tag (or, with {@code tag} null, a manifest without tags) that would go, with its image's size and why. */
    public record Candidate(String tag, String digest, long manifestId, long size, String reason) {

        public String shortDigest() {
            return digest.substring(0, Math.min(digest.length(), 19));
        }

        public String sizeLabel() {
            return new TagRecords.TagRow("", digest, "", size, "", null, null).sizeLabel();
        }
    }

    public record Plan(List<Candidate> tags, List<Candidate> manifests, ImmutableTags immutable, Instant graceCutoff,
            Instant untaggedCutoff) {

        public int count() {
            return tags.size() + manifests.size();
        }

        public boolean isEmpty() {
            return count() == 0;
        }
    }

    @Inject
    EntityManager em;

    @Inject
    TagProtection protection;

    public Plan plan(Repo repo, RetentionRules rules) {
        Instant now = Instant.now();
        Instant grace = now.minus(Duration.ofDays(rules.graceDays()));
        Instant untaggedCutoff = rules.untaggedDays() == null ? Instant.EPOCH
                : now.minus(Duration.ofDays(Math.max(rules.untaggedDays(), rules.graceDays())));
        ImmutableTags immutable = protection.of(repo.id);
        List<Candidate> tags = rules.keepLast() != null || rules.unpulledDays() != null
                ? tags(repo.id, rules, now, grace, immutable) : List.of();
        List<Candidate> manifests = rules.untaggedDays() != null ? untagged(repo.id, rules, untaggedCutoff) : List.of();
        return new Plan(tags, manifests, immutable, grace, untaggedCutoff);
    }

    private List<Candidate> tags(long repoId, RetentionRules rules, Instant now, Instant grace, ImmutableTags immutable) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT t.name, m.id, m.digest, m.total_size, t.updated_at, greatest(t.last_pulled_at, m.last_pulled_at)
                FROM tags t JOIN manifests m ON m.id = t.manifest_id
                WHERE t.repository_id = ?1 ORDER BY t.updated_at DESC, t.name
                """).setParameter(1, repoId).getResultList();
        Instant unpulledCutoff = rules.unpulledDays() == null ? null : now.minus(Duration.ofDays(rules.unpulledDays()));
        List<Candidate> out = new ArrayList<>();
        int matching = 0;
        for (Object[] r : rows) {
            String name = (String) r[0];
            Instant pushed = SqlTimes.instant(r[4]);
            Instant pulled = r[5] == null ? pushed : max(pushed, SqlTimes.instant(r[5]));
            boolean kept = rules.keepLast() != null && TagPatterns.matches(rules.keepPattern(), name);
            if (kept) {
                matching++;
            }
            String reason = null;
            if (kept && matching > rules.keepLast()) {
                reason = "older than the " + rules.keepLast() + " most recently pushed tags matching " + rules.keepPattern();
            } else if (unpulledCutoff != null && pulled.isBefore(unpulledCutoff)) {
                reason = "not pulled for " + rules.unpulledDays() + " days";
            }
            if (reason == null || immutable.protects(name) || !pushed.isBefore(grace)) {
                continue;
            }
            out.add(new Candidate(name, (String) r[2], ((Number) r[1]).longValue(), Math.max(0, ((Number) r[3]).longValue()),
                    reason));
        }
        return out;
    }

    /**
     * Manifests without tags, neither pushed nor pulled since the cutoff, that no other manifest of
     * the repository uses (an index's platform images stay with it) and whose subject is not here
     * (a signature stays with its image).
     */
    private List<Candidate> untagged(long repoId, RetentionRules rules, Instant cutoff) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT m.id, m.digest, m.total_size FROM manifests m
                WHERE m.repository_id = ?1 AND greatest(m.created_at, m.last_pulled_at) < ?2
                  AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.manifest_id = m.id)
                  AND NOT EXISTS (SELECT 1 FROM manifest_blobs mb WHERE mb.repository_id = m.repository_id
                                  AND mb.digest = m.digest AND mb.manifest_id <> m.id)
                  AND NOT EXISTS (SELECT 1 FROM manifests s WHERE s.repository_id = m.repository_id
                                  AND s.digest = m.subject_digest)
                ORDER BY m.created_at, m.id
                """).setParameter(1, repoId).setParameter(2, Timestamp.from(cutoff)).getResultList();
        String reason = "no tag, not pushed or pulled for " + Math.max(rules.untaggedDays(), rules.graceDays()) + " days";
        return rows.stream().map(r -> new Candidate(null, (String) r[1], ((Number) r[0]).longValue(),
                Math.max(0, ((Number) r[2]).longValue()), reason)).toList();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
