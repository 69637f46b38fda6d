package dev.hoist.model;

import dev.hoist.platform.SqlTimes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * What a namespace holds, for deleting its owner: its repositories go with it (their manifests,
 * tags, blob references, stars, upload sessions, team permissions and collaborators follow by
 * cascade), so that nothing is left that nobody can reach and the garbage collector frees the bytes.
 */
@ApplicationScoped
@Transactional
public class NamespaceContents {

    /** Repositories a deleted namespace still holds (deleted before its repositories went with it). */
    public record Leftover(String namespace, Instant deletedAt, long repositories, long tags, long bytes) {
    }

    @Inject
    EntityManager em;

    /**
     * Deletes every repository of the namespace and returns how many. The namespace's row stays
     * locked until the transaction ends, so no repository is created there meanwhile (creators
     * lock it too, see {@code dev.hoist.quota.Quotas#lockNamespace}, and then find it deleted).
     */
    public int deleteRepositories(long namespaceId) {
        em.createNativeQuery("SELECT 1 FROM namespaces WHERE id = ?1 FOR NO KEY UPDATE").setParameter(1, namespaceId)
                .getResultList();
        return em.createNativeQuery("DELETE FROM repositories WHERE namespace_id = ?1").setParameter(1, namespaceId)
                .executeUpdate();
    }

    /**
     * Marks the namespace deleted (its name stays reserved) and locks its row until the transaction
     * ends; false when it was deleted already, so of two deletions at once only one goes on.
     */
    public boolean markDeleted(long namespaceId) {
        return em.createNativeQuery("UPDATE namespaces SET deleted_at = now() WHERE id = ?1 AND deleted_at IS NULL")
                .setParameter(1, namespaceId).executeUpdate() == 1;
    }

    /** Deletes the organization's teams; their members and permissions follow by cascade. */
    public void deleteTeams(long organizationId) {
        em.createNativeQuery("DELETE FROM teams WHERE organization_id = ?1").setParameter(1, organizationId).executeUpdate();
    }

    /** Takes the account's stars back from the repositories it starred (their rows go with the account). */
    public void unstarAll(long accountId) {
        em.createNativeQuery("UPDATE repositories SET star_count = star_count - 1 "
                + "WHERE id IN (SELECT repository_id FROM stars WHERE account_id = ?1)").setParameter(1, accountId)
                .executeUpdate();
    }

    /**
     * The organizations (the library aside, which the site administrators run) whose owners team
     * has this account as its only member. Their owners teams stay locked until the transaction
     * ends, so two owners deleting their accounts at once cannot both leave.
     */
    @SuppressWarnings("unchecked")
    public List<String> organizationsOwnedOnlyBy(long accountId) {
        em.createNativeQuery("""
                SELECT t.id FROM teams t JOIN team_members m ON m.team_id = t.id
                WHERE m.account_id = ?1 AND t.name = 'owners' ORDER BY t.id FOR UPDATE OF t
                """).setParameter(1, accountId).getResultList();
        return em.createNativeQuery("""
                SELECT n.name FROM teams t
                JOIN organizations o ON o.id = t.organization_id
                JOIN namespaces n ON n.id = o.namespace_id
                WHERE t.name = 'owners' AND n.deleted_at IS NULL AND n.name <> 'library'
                  AND EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = t.id AND m.account_id = ?1)
                  AND (SELECT count(*) FROM team_members m WHERE m.team_id = t.id) = 1
                ORDER BY n.name
                """).setParameter(1, accountId).getResultList();
    }

    /** Deleted namespaces that still hold repositories, with what those hold. */
    @SuppressWarnings("unchecked")
    public List<Leftover> leftovers() {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT n.name, n.deleted_at, count(*),
                       (SELECT count(*) FROM tags t JOIN repositories r2 ON r2.id = t.repository_id WHERE r2.namespace_id = n.id),
                       (SELECT coalesce(sum(b.size), 0) FROM (SELECT DISTINCT rb.digest, rb.size FROM repository_blobs rb
                          JOIN repositories r3 ON r3.id = rb.repository_id WHERE r3.namespace_id = n.id) b)
                FROM namespaces n JOIN repositories r ON r.namespace_id = n.id
                WHERE n.deleted_at IS NOT NULL
                GROUP BY n.id ORDER BY n.name LIMIT 200
                """).getResultList();
        return rows.stream().map(r -> new Leftover((String) r[0], SqlTimes.instant(r[1]), ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue(), ((Number) r[4]).longValue())).toList();
    }

    /** Deletes what the deleted namespace {@code name} left; 0 if it is not deleted or holds nothing. */
    public int purgeDeleted(String name) {
        List<?> ids = em.createNativeQuery("SELECT id FROM namespaces WHERE name = ?1 AND deleted_at IS NOT NULL")
                .setParameter(1, name == null ? "" : name).getResultList();
        return ids.isEmpty() ? 0 : deleteRepositories(((Number) ids.get(0)).longValue());
    }
}
