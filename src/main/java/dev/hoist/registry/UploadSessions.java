package dev.hoist.registry;

import dev.hoist.quota.Quotas;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;

/** The {@code uploads} rows: which account opened which blob upload session in which repository. */
@ApplicationScoped
@Transactional
public class UploadSessions {

    @Inject
    EntityManager em;

    @Inject
    Quotas quotas;

    /** Opens an upload session of the account, counted against its open sessions in the same step. */
    public void start(String id, long repoId, long accountId) {
        RelaxedCommit.forThisTransaction(em);
        quotas.checkUploadSessions(accountId);
        em.createNativeQuery("INSERT INTO uploads (id, repository_id, account_id) VALUES (?1, ?2, ?3)")
                .setParameter(1, id).setParameter(2, repoId).setParameter(3, accountId).executeUpdate();
    }

    /**
     * Opens an upload session of the organization access token {@code tokenId}, counted against its
     * open sessions under the token's row lock (the same limit as an account's); false when the
     * token is gone.
     */
    public boolean startForOrganizationToken(String id, long repoId, java.util.UUID tokenId) {
        RelaxedCommit.forThisTransaction(em);
        java.util.List<?> row = em.createNativeQuery("SELECT id FROM organization_tokens WHERE uuid = ?1 FOR UPDATE")
                .setParameter(1, tokenId).getResultList();
        if (row.isEmpty()) {
            return false;
        }
        long token = ((Number) row.get(0)).longValue();
        quotas.checkUploadSessionsOfOrganizationToken(token);
        em.createNativeQuery("INSERT INTO uploads (id, repository_id, organization_token_id) VALUES (?1, ?2, ?3)")
                .setParameter(1, id).setParameter(2, repoId).setParameter(3, token).executeUpdate();
        return true;
    }

    public boolean belongsTo(String id, long repoId) {
        return !em.createNativeQuery("SELECT 1 FROM uploads WHERE id = ?1 AND repository_id = ?2")
                .setParameter(1, id).setParameter(2, repoId).getResultList().isEmpty();
    }

    /** Marks the session as in use, so that it is not taken for abandoned. */
    public void touch(String id) {
        RelaxedCommit.forThisTransaction(em);
        em.createNativeQuery("UPDATE uploads SET updated_at = now() WHERE id = ?1").setParameter(1, id).executeUpdate();
    }

    public void end(String id) {
        RelaxedCommit.forThisTransaction(em);
        em.createNativeQuery("DELETE FROM uploads WHERE id = ?1").setParameter(1, id).executeUpdate();
    }

    /** Ends every session untouched since {@code cutoff}; returns how many there were. */
    public int endUntouchedSince(Instant cutoff) {
        return em.createNativeQuery("DELETE FROM uploads WHERE updated_at < ?1").setParameter(1, Timestamp.from(cutoff))
                .executeUpdate();
    }
}
