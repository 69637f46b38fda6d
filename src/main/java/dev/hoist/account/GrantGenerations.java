package dev.hoist.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each account's revocation generation. Registry tokens are signed grants that live a few
 * minutes; the generation they were issued in is carried inside them, and a push or delete with a
 * token of an older generation is refused. It goes up when a personal access token is revoked or
 * the password changes; a deleted account has none, which refuses all its tokens.
 *
 * <p>Each copy remembers a generation for a second, so a push of many layers costs almost no
 * queries; a bump made here is seen at once, one made by another copy within that second.
 */
@ApplicationScoped
public class GrantGenerations {

    static final long REMEMBER_NANOS = 1_000_000_000L;
    private static final int MAX_REMEMBERED = 10_000;

    private record Known(long generation, long readAt) {
    }

    private final Map<String, Known> remembered = new ConcurrentHashMap<>();

    @Inject
    EntityManager em;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** Ends every grant issued to the account so far, for push and delete. */
    @Transactional
    public void bump(long accountId) {
        em.createNativeQuery("UPDATE accounts SET grant_generation = grant_generation + 1 WHERE id = ?1")
                .setParameter(1, accountId)
                .executeUpdate();
        remembered.clear();
        // Forget again once committed, in case a request read the old value in between.
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    remembered.clear();
                }
            }
        });
    }

    /** Whether grants issued to {@code username} in {@code generation} may still push and delete. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean isCurrent(String username, long generation) {
        long now = System.nanoTime();
        Known known = remembered.get(username);
        if (known == null || now - known.readAt() > REMEMBER_NANOS) {
            @SuppressWarnings("unchecked")
            List<Number> rows = em.createNativeQuery("""
                    SELECT a.grant_generation FROM accounts a JOIN namespaces n ON n.id = a.namespace_id
                    WHERE n.name = ?1 AND n.deleted_at IS NULL
                    """).setParameter(1, username).getResultList();
            known = new Known(rows.isEmpty() ? -1 : rows.get(0).longValue(), now);
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(username, known);
        }
        return known.generation() >= 0 && known.generation() == generation;
    }
}
