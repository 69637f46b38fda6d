package dev.hoist.registry;

import dev.hoist.model.Namespace;
import dev.hoist.model.Repo;
import dev.hoist.model.RetentionRules;
import dev.hoist.model.events.DomainEvent;
import dev.hoist.model.events.RetentionPolicyChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Retention policies as stored: a repository's own, or its organization's for every repository
 * without one. Who may change them is the caller's business (Admins of the repository, owners of
 * the organization).
 */
@ApplicationScoped
@Transactional
public class RetentionPolicies {

    /** The policy that governs a repository, and whether it is its organization's. */
    public record Effective(RetentionRules rules, boolean inherited) {
    }

    @Inject
    EntityManager em;

    @Inject
    Event<DomainEvent> events;

    public Optional<RetentionRules> ofRepository(long repoId) {
        return one("repository_id", repoId);
    }

    public Optional<RetentionRules> ofNamespace(long namespaceId) {
        return one("namespace_id", namespaceId);
    }

    /** The repository's own policy, else its namespace's, else none. */
    public Effective effective(Repo repo) {
        Optional<RetentionRules> own = ofRepository(repo.id);
        if (own.isPresent()) {
            return new Effective(own.get(), false);
        }
        return ofNamespace(repo.namespace.id).map(r -> new Effective(r, true)).orElse(new Effective(RetentionRules.NONE, false));
    }

    public void saveForRepository(Repo repo, RetentionRules rules, String actor) {
        save("repository_id", repo.id, rules);
        events.fire(new RetentionPolicyChanged(repo.fullName(), null, rules.enabled(), rules.keepPattern(), rules.keepLast(),
                rules.unpulledDays(), rules.untaggedDays(), rules.graceDays(), actor, Instant.now()));
    }

    public void saveForNamespace(Namespace namespace, RetentionRules rules, String actor) {
        save("namespace_id", namespace.id, rules);
        events.fire(new RetentionPolicyChanged(null, namespace.name, rules.enabled(), rules.keepPattern(), rules.keepLast(),
                rules.unpulledDays(), rules.untaggedDays(), rules.graceDays(), actor, Instant.now()));
    }

    /** The repositories an enabled policy governs, their own or their organization's. */
    @SuppressWarnings("unchecked")
    public List<Long> governedRepositories() {
        List<Number> ids = em.createNativeQuery("""
                SELECT r.id FROM repositories r JOIN namespaces n ON n.id = r.namespace_id
                LEFT JOIN retention_policies own ON own.repository_id = r.id
                LEFT JOIN retention_policies ns ON ns.namespace_id = r.namespace_id
                WHERE n.deleted_at IS NULL AND coalesce(own.enabled, ns.enabled, false)
                ORDER BY r.id
                """).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    private void save(String owner, long id, RetentionRules rules) {
        em.createNativeQuery("INSERT INTO retention_policies (" + owner + ", enabled, keep_pattern, keep_last, unpulled_days, "
                + "untagged_days, grace_days) VALUES (?1, ?2, ?3, CAST(?4 AS integer), CAST(?5 AS integer), "
                + "CAST(?6 AS integer), ?7) ON CONFLICT (" + owner + ") DO UPDATE SET "
                + "enabled = excluded.enabled, keep_pattern = excluded.keep_pattern, keep_last = excluded.keep_last, "
                + "unpulled_days = excluded.unpulled_days, untagged_days = excluded.untagged_days, "
                + "grace_days = excluded.grace_days, updated_at = now()")
                .setParameter(1, id).setParameter(2, rules.enabled()).setParameter(3, rules.keepPattern())
                .setParameter(4, rules.keepLast()).setParameter(5, rules.unpulledDays())
                .setParameter(6, rules.untaggedDays()).setParameter(7, rules.graceDays()).executeUpdate();
    }

    private Optional<RetentionRules> one(String owner, long id) {
        List<?> rows = em.createNativeQuery("SELECT enabled, keep_pattern, keep_last, unpulled_days, untagged_days, grace_days "
                + "FROM retention_policies WHERE " + owner + " = ?1").setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(r -> {
            Object[] row = (Object[]) r;
            return new RetentionRules((Boolean) row[0], (String) row[1], integer(row[2]), integer(row[3]), integer(row[4]),
                    ((Number) row[5]).intValue());
        });
    }

    private static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }
}
