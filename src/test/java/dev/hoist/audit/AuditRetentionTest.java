package dev.hoist.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoist.support.AuditRows;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The hourly job deletes entries older than the retention (a year by default), in batches, and nothing newer. */
@QuarkusTest
class AuditRetentionTest {

    @Inject
    AuditRetention retention;

    @Test
    void entriesOlderThanAYearGoAndYoungerOnesStay() {
        String ns = Visitor.uniqueName("auret");
        // More old rows than one batch holds, so the job must go round.
        AuditRows.execute("INSERT INTO audit_log (at, action, namespace) SELECT now() - interval '400 days' - g * interval '1 second',"
                + " 'team.created', '" + ns + "' FROM generate_series(1, " + (AuditRetention.BATCH + 250) + ") g");
        AuditRows.execute("INSERT INTO audit_log (at, action, namespace) VALUES (now() - interval '364 days', 'team.renamed', '"
                + ns + "'), (now(), 'team.deleted', '" + ns + "')");

        int deleted = retention.purge();

        assertEquals(true, deleted >= AuditRetention.BATCH + 250, "deleted " + deleted);
        assertEquals(java.util.List.of("team.renamed", "team.deleted"), AuditRows.actions("namespace", ns));
    }

    @Test
    void aCopyThatFindsTheLockTakenLeavesTheWorkToTheOther() {
        String ns = Visitor.uniqueName("aurlock");
        AuditRows.execute("INSERT INTO audit_log (at, action, namespace) VALUES (now() - interval '400 days', 'team.created', '"
                + ns + "')");

        // Another copy holds the lock for the length of its transaction.
        int whileHeld = QuarkusTransaction.requiringNew().call(() -> {
            Panache.getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, AuditRetention.LOCK)
                    .getSingleResult();
            return retention.purge();
        });

        assertEquals(0, whileHeld);
        assertEquals(1, AuditRows.actions("namespace", ns).size());
        retention.purge();
        assertEquals(0, AuditRows.actions("namespace", ns).size());
    }
}
