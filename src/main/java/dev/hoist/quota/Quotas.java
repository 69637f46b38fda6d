package dev.hoist.quota;

import dev.hoist.access.Access;
import dev.hoist.model.Account;
import dev.hoist.model.Namespace;
import dev.hoist.platform.HoistConfig;
import dev.hoist.quota.QuotaExceededException.Quota;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;

/**
 * Quotas checked in PostgreSQL, in the transaction that creates the thing counted, so that a
 * parallel burst, on one copy of Hoist or several, never goes past them: each check first takes a
 * lock that every creator of the same kind takes too (the account's advisory lock, or the
 * namespace's row), then counts, and the insert follows before the lock is released at commit.
 * Locks are always taken account first, namespace second, so two creators never deadlock.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Quotas {

    /** The first key of the two-key advisory lock form: keeps these locks apart from the blob locks. */
    private static final int ACCOUNT_LOCKS = 0x51756f74;

    @Inject
    EntityManager em;

    @Inject
    HoistConfig config;

    @Inject
    Access access;

    /**
     * Counts one creation (repository, organization, team, token) of {@code who} against the
     * creations per minute, over the last 60 seconds. Site administrators are not limited.
     */
    public void countCreation(Account who) {
        lockAccount(who.id);
        if (access.isSiteAdmin(who)) {
            return;
        }
        em.createNativeQuery("DELETE FROM recent_creations WHERE account_id = ?1 AND created_at <= clock_timestamp() - interval '1 minute'")
                .setParameter(1, who.id).executeUpdate();
        Object[] recent = (Object[]) em.createNativeQuery("""
                SELECT count(*), extract(epoch FROM min(created_at) + interval '1 minute' - clock_timestamp())
                FROM recent_creations WHERE account_id = ?1
                """).setParameter(1, who.id).getSingleResult();
        int limit = config.quota().creationsPerMinute();
        if (((Number) recent[0]).longValue() >= limit) {
            Duration wait = Duration.ofMillis(Math.max(0, (long) (((Number) recent[1]).doubleValue() * 1000)));
            throw new QuotaExceededException(Quota.CREATIONS, "You created " + limit
                    + " repositories, organizations, teams or tokens within a minute, the most allowed. Try again in "
                    + Math.max(1, (wait.toMillis() + 999) / 1000) + " seconds.", wait);
        }
        em.createNativeQuery("INSERT INTO recent_creations (account_id, created_at) VALUES (?1, clock_timestamp())")
                .setParameter(1, who.id).executeUpdate();
    }

    /**
     * Locks the namespace's row until the transaction ends, so that repository counts stay true
     * until the insert; false if the namespace was deleted meanwhile (nothing may be created there).
     */
    public boolean lockNamespace(Namespace namespace) {
        return !em.createNativeQuery("SELECT 1 FROM namespaces WHERE id = ?1 AND deleted_at IS NULL FOR NO KEY UPDATE")
                .setParameter(1, namespace.id).getResultList().isEmpty();
    }

    /** One more repository in the namespace (call {@link #lockNamespace} first). */
    public void checkRepositories(Namespace namespace) {
        int limit = config.quota().repositoriesPerNamespace();
        if (count("SELECT count(*) FROM repositories WHERE namespace_id = ?1", namespace.id) >= limit) {
            throw new QuotaExceededException(Quota.REPOSITORIES, namespace.name + " has " + limit + " repositories,"
                    + " the most one namespace may have. Delete one to make room.", null);
        }
    }

    /** One more private repository under the plan (call {@link #lockNamespace} first). */
    public void checkPrivateRepositories(Namespace namespace) {
        int limit = config.plan().privateRepositories();
        if (count("SELECT count(*) FROM repositories WHERE namespace_id = ?1 AND private", namespace.id) >= limit) {
            throw new QuotaExceededException(Quota.PRIVATE_REPOSITORIES, "The plan of " + namespace.name + " allows "
                    + limit + " private " + (limit == 1 ? "repository" : "repositories") + ", and it has reached that limit.", null);
        }
    }

    /** One more organization made by {@code who}. */
    public void checkOrganizations(Account who) {
        lockAccount(who.id);
        int limit = config.quota().organizationsPerUser();
        if (count("SELECT count(*) FROM organizations WHERE created_by = ?1", who.id) >= limit) {
            throw new QuotaExceededException(Quota.ORGANIZATIONS, "You have created " + limit
                    + " organizations, the most one account may create.", null);
        }
    }

    /** One more personal access token of {@code who}. */
    public void checkTokens(Account who) {
        lockAccount(who.id);
        int limit = config.quota().tokensPerUser();
        if (count("SELECT count(*) FROM access_tokens WHERE account_id = ?1", who.id) >= limit) {
            throw new QuotaExceededException(Quota.TOKENS, "You have " + limit
                    + " access tokens, the most one account may have. Revoke one you no longer use.", null);
        }
    }

    /** One more open upload session of the account; sessions end with their blob or after a day untouched. */
    public void checkUploadSessions(long accountId) {
        lockAccount(accountId);
        int limit = config.quota().uploadSessionsPerUser();
        if (count("SELECT count(*) FROM uploads WHERE account_id = ?1", accountId) >= limit) {
            throw new QuotaExceededException(Quota.UPLOAD_SESSIONS, "you have " + limit
                    + " blob uploads open, the most one account may have; finish or cancel one first", Duration.ofSeconds(30));
        }
    }

    /** One more open upload of an organization access token (its row locked by the caller): an account's limit. */
    public void checkUploadSessionsOfOrganizationToken(long tokenId) {
        int limit = config.quota().uploadSessionsPerUser();
        if (count("SELECT count(*) FROM uploads WHERE organization_token_id = ?1", tokenId) >= limit) {
            throw new QuotaExceededException(Quota.UPLOAD_SESSIONS, "this token has " + limit
                    + " blob uploads open, the most one token may have; finish or cancel one first", Duration.ofSeconds(30));
        }
    }

    /**
     * Holds the account's lock until the transaction ends, for a caller that must take it before
     * the namespace's (the lock order) but counts only later.
     */
    public void lockAccount(Account who) {
        lockAccount(who.id);
    }

    private void lockAccount(long accountId) {
        em.createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(?1, ?2)")
                .setParameter(1, ACCOUNT_LOCKS).setParameter(2, (int) accountId).getSingleResult();
    }

    private long count(String sql, long id) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, id).getSingleResult()).longValue();
    }
}
