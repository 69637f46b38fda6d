package dev.hoist.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import org.hibernate.query.NativeQuery;

/** Appends entries to {@code audit_log}: in the transaction of the change, or in one of their own. */
@ApplicationScoped
public class AuditWriter {

    @Inject
    EntityManager em;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** In the caller's transaction (one is begun if there is none): the change and its entry commit or roll back together. */
    @Transactional
    public void append(AuditEntry entry) {
        insert(entry);
    }

    /**
     * For refusals (a failed sign-in), which must be recorded even when the transaction they
     * happened in rolls back. In that transaction when there is one (a second connection for each
     * of a burst of refused tokens would empty the pool), and again in a transaction of its own
     * should that one not commit; outside any, in one of its own.
     */
    public void appendRefusal(AuditEntry entry) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            QuarkusTransaction.requiringNew().run(() -> insert(entry));
            return;
        }
        insert(entry);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    QuarkusTransaction.requiringNew().run(() -> insert(entry));
                }
            }
        });
    }

    private void insert(AuditEntry e) {
        NativeQuery<?> insert = em.createNativeQuery("""
                INSERT INTO audit_log (at, actor, actor_token, action, namespace, repository, target, account,
                                       client_address, details)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, CAST(?10 AS jsonb))
                """).unwrap(NativeQuery.class);
        // Names the one table written, so Hibernate does not flush the change's pending entities early for it.
        insert.addSynchronizedQuerySpace("audit_log");
        insert.setParameter(1, Timestamp.from(e.at() == null ? java.time.Instant.now() : e.at()))
                .setParameter(2, cut(e.actor(), 64))
                .setParameter(3, cut(e.actorToken(), 200))
                .setParameter(4, cut(e.action(), 64))
                .setParameter(5, cut(e.namespace(), 64))
                .setParameter(6, cut(e.repository(), 300))
                .setParameter(7, cut(e.target(), 300))
                .setParameter(8, cut(e.account(), 260))
                .setParameter(9, cut(e.clientAddress(), 64))
                .setParameter(10, e.details())
                .executeUpdate();
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
