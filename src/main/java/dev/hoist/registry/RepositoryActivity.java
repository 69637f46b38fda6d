package dev.hoist.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** What the registry's traffic changes on a repository's row: its pull count and when it was last pushed to. */
@ApplicationScoped
@Transactional
public class RepositoryActivity {

    @Inject
    EntityManager em;

    public void pulled(long repoId) {
        RelaxedCommit.forThisTransaction(em);
        em.createNativeQuery("UPDATE repositories SET pull_count = pull_count + 1 WHERE id = ?1").setParameter(1, repoId)
                .executeUpdate();
    }

    public void pushed(long repoId) {
        em.createNativeQuery("UPDATE repositories SET last_pushed_at = now() WHERE id = ?1").setParameter(1, repoId)
                .executeUpdate();
    }
}
