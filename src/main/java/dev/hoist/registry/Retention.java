package dev.hoist.registry;

import dev.hoist.model.ImmutableTags;
import dev.hoist.model.Repo;
import dev.hoist.model.RetentionRules;
import dev.hoist.model.events.DomainEvent;
import dev.hoist.model.events.ManifestDeleted;
import dev.hoist.model.events.TagDeleted;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Runs retention policies: what a policy would delete ({@link #plan}, the dry run) and deleting
 * it ({@link #run}), daily for every governed repository and on demand. Tags and manifests go as
 * {@link TagDeleted} and {@link ManifestDeleted}; their blobs are left to the garbage collector.
 *
 * <p>A repository is done in one transaction under a PostgreSQL advisory lock on it, taken only
 * if free: two copies of Hoist never run it at once, and the daily run skips a repository done in
 * the last day. Each delete re-checks in its own statement what the plan saw, so a push racing
 * the run wins: a tag pushed again since is younger than the grace period, and a manifest tagged
 * since has a tag (its row is locked first, as a tagging takes the same row).
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger("hoist.retention");

    /** Key of the advisory lock, with the repository's id ("rtn"). */
    static final int LOCK = 0x72746e;

    @Inject
    EntityManager em;

    @Inject
    RetentionPolicies policies;

    @Inject
    RetentionPlans plans;

    @Inject
    Event<DomainEvent> events;

    /** The last run on a repository. */
    public record LastRun(Instant at, int tags, int manifests) {
    }

    /** What one run deleted, or that it left the repository (locked by another copy, or done today). */
    public record Outcome(int tags, int manifests, boolean skipped) {
    }

    @Scheduled(identity = "retention", every = "1h", delayed = "17m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void hourly() {
        int tags = 0;
        int manifests = 0;
        for (long repoId : QuarkusTransaction.requiringNew().call(policies::governedRepositories)) {
            Outcome outcome = runScheduled(repoId);
            tags += outcome.tags();
            manifests += outcome.manifests();
        }
        if (tags + manifests > 0) {
            LOG.infof("Retention deleted %d tags and %d manifests", tags, manifests);
        }
    }

    /** The daily run of one repository: skipped when another copy holds it or it ran in the last 20 hours. */
    public Outcome runScheduled(long repoId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Repo repo = Repo.findById(repoId);
            if (repo == null || !lock(repoId) || ranSince(repoId, Instant.now().minus(Duration.ofHours(20)))) {
                return new Outcome(0, 0, true);
            }
            RetentionRules rules = policies.effective(repo).rules();
            return rules.enabled() ? apply(repo, plans.plan(repo, rules), null) : new Outcome(0, 0, true);
        });
    }

    /** Runs the repository's policy now (enabled or not: the Admin asked), as {@code actor}. */
    public Outcome run(Repo repo, String actor) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!lock(repo.id)) {
                return new Outcome(0, 0, true);
            }
            RetentionRules rules = policies.effective(repo).rules();
            return rules.hasRules() ? apply(repo, plans.plan(repo, rules), actor) : new Outcome(0, 0, false);
        });
    }

    /**
     * Deletes what {@code plan} names, each only if it is still as the plan saw it (joins the
     * caller's transaction, or runs in its own).
     */
    public Outcome apply(Repo repo, RetentionPlans.Plan plan, String actor) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            ImmutableTags immutable = plan.immutable();
            int tags = 0;
            for (RetentionPlans.Candidate c : plan.tags()) {
                if (immutable.protects(c.tag())) {
                    continue;
                }
                int deleted = em.createNativeQuery("DELETE FROM tags WHERE repository_id = ?1 AND name = ?2 AND manifest_id = ?3 "
                        + "AND updated_at < ?4").setParameter(1, repo.id).setParameter(2, c.tag()).setParameter(3, c.manifestId())
                        .setParameter(4, Timestamp.from(plan.graceCutoff())).executeUpdate();
                if (deleted > 0) {
                    tags++;
                    events.fire(new TagDeleted(repo.fullName(), c.tag(), actor, Instant.now()));
                }
            }
            int manifests = 0;
            for (RetentionPlans.Candidate c : plan.manifests()) {
                em.createNativeQuery("SELECT id FROM manifests WHERE id = ?1 FOR UPDATE").setParameter(1, c.manifestId())
                        .getResultList();
                int deleted = em.createNativeQuery("""
                        DELETE FROM manifests m WHERE m.id = ?1 AND greatest(m.created_at, m.last_pulled_at) < ?2
                          AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.manifest_id = m.id)
                        """).setParameter(1, c.manifestId()).setParameter(2, Timestamp.from(plan.untaggedCutoff()))
                        .executeUpdate();
                if (deleted > 0) {
                    manifests++;
                    events.fire(new ManifestDeleted(repo.fullName(), c.digest(), actor, Instant.now()));
                }
            }
            em.createNativeQuery("""
                    INSERT INTO retention_runs (repository_id, ran_at, deleted_tags, deleted_manifests) VALUES (?1, now(), ?2, ?3)
                    ON CONFLICT (repository_id) DO UPDATE SET ran_at = now(), deleted_tags = excluded.deleted_tags,
                        deleted_manifests = excluded.deleted_manifests
                    """).setParameter(1, repo.id).setParameter(2, tags).setParameter(3, manifests).executeUpdate();
            return new Outcome(tags, manifests, false);
        });
    }

    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.SUPPORTS)
    public java.util.Optional<LastRun> lastRun(long repoId) {
        List<?> rows = em.createNativeQuery("SELECT ran_at, deleted_tags, deleted_manifests FROM retention_runs WHERE repository_id = ?1")
                .setParameter(1, repoId).getResultList();
        return rows.stream().findFirst().map(r -> {
            Object[] row = (Object[]) r;
            Instant at = row[0] instanceof Instant i ? i : row[0] instanceof java.time.OffsetDateTime o ? o.toInstant()
                    : ((Timestamp) row[0]).toInstant();
            return new LastRun(at, ((Number) row[1]).intValue(), ((Number) row[2]).intValue());
        });
    }

    private boolean lock(long repoId) {
        return (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1, CAST(?2 AS integer))")
                .setParameter(1, LOCK).setParameter(2, (int) (repoId % Integer.MAX_VALUE)).getSingleResult();
    }

    private boolean ranSince(long repoId, Instant since) {
        return !em.createNativeQuery("SELECT 1 FROM retention_runs WHERE repository_id = ?1 AND ran_at > ?2")
                .setParameter(1, repoId).setParameter(2, Timestamp.from(since)).getResultList().isEmpty();
    }
}
