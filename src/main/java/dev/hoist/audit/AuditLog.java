package dev.hoist.audit;

import dev.hoist.platform.Listing;
import dev.hoist.platform.SqlTimes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the audit log, newest first, for one of three readers: an organization's owners (its
 * namespace), a user (their own security events) and the site administrators (everything). Who
 * may read which is decided by the pages with {@code access.Access}; this only reads.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AuditLog {

    public static final int PAGE_SIZE = 50;

    /** An export reads the log this many entries at a time, so a year of entries never sits in memory. */
    static final int EXPORT_BATCH = 1_000;

    /** Which part of the log: one namespace's, one account's security events, or all of it. */
    public record Scope(String namespace, String account, Instant accountSince) {

        public static Scope organization(String name) {
            return new Scope(name, null, null);
        }

        /** An account's own security events; a name typed in failed sign-ins before the account existed is not theirs. */
        public static Scope account(String username, Instant createdAt) {
            return new Scope(null, username, createdAt);
        }

        public static Scope everything() {
            return new Scope(null, null, null);
        }
    }

    @Inject
    EntityManager em;

    public Listing<AuditEntry> page(Scope scope, AuditFilter filter, int page) {
        Where where = where(scope, filter.checked());
        long total = ((Number) where.bind(em.createNativeQuery("SELECT count(*) FROM audit_log" + where.sql))
                .getSingleResult()).longValue();
        return Listing.of(page, PAGE_SIZE, total, (offset, limit) -> read(where, offset, limit));
    }

    /**
     * Every matching entry, newest first, handed to {@code sink} as they are read: a batch at a
     * time, each batch the entries just older than the last one handed (so entries written
     * meanwhile neither repeat nor shift the rest). Refused filters throw before anything is handed.
     */
    public void export(Scope scope, AuditFilter filter, Consumer<AuditEntry> sink) {
        AuditFilter checked = filter.checked();
        AuditEntry last = null;
        while (true) {
            Where where = where(scope, checked);
            if (last != null) {
                where.and("(at, id) < (?, ?)", Timestamp.from(last.at()), last.id());
            }
            List<AuditEntry> batch = QuarkusTransaction.requiringNew().call(() -> read(where, 0, EXPORT_BATCH));
            batch.forEach(sink);
            if (batch.size() < EXPORT_BATCH) {
                return;
            }
            last = batch.get(batch.size() - 1);
        }
    }

    @SuppressWarnings("unchecked")
    private List<AuditEntry> read(Where where, int offset, int limit) {
        Query query = where.bind(em.createNativeQuery("""
                SELECT id, at, actor, actor_token, action, namespace, repository, target, account, client_address,
                       details::text
                FROM audit_log""" + where.sql + " ORDER BY at DESC, id DESC OFFSET " + offset + " LIMIT " + limit));
        List<AuditEntry> entries = new ArrayList<>();
        for (Object[] r : (List<Object[]>) query.getResultList()) {
            entries.add(new AuditEntry(((Number) r[0]).longValue(), SqlTimes.instant(r[1]), (String) r[2], (String) r[3],
                    (String) r[4], (String) r[5], (String) r[6], (String) r[7], (String) r[8], (String) r[9], (String) r[10]));
        }
        return entries;
    }

    private static Where where(Scope scope, AuditFilter filter) {
        Where w = new Where();
        if (scope.namespace() != null) {
            w.and("namespace = ?", scope.namespace());
        }
        if (scope.account() != null) {
            w.and("account = ?", scope.account());
            if (scope.accountSince() != null) {
                w.and("at >= ?", Timestamp.from(scope.accountSince()));
            }
        }
        if (!filter.actor().isEmpty()) {
            w.and("actor = ?", filter.actor());
        }
        if (!filter.action().isEmpty()) {
            if (filter.action().contains(".")) {
                w.and("action = ?", filter.action());
            } else {
                // Checked to hold only [a-z_]: '_' is a LIKE wildcard, so compare the prefix instead.
                w.and("left(action, length(?) + 1) = ? || '.'", filter.action(), filter.action());
            }
        }
        if (!filter.repository().isEmpty()) {
            String repository = filter.repository().contains("/") || scope.namespace() == null
                    ? filter.repository() : scope.namespace() + "/" + filter.repository();
            w.and("repository = ?", repository);
        }
        LocalDate from = filter.fromDay();
        if (from != null) {
            w.and("at >= ?", Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        LocalDate to = filter.toDay();
        if (to != null) {
            w.and("at < ?", Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        return w;
    }

    /** A WHERE clause built from fixed fragments, the values bound as parameters. */
    private static final class Where {
        private String sql = "";
        private final List<Object> values = new ArrayList<>();

        void and(String fragment, Object... bound) {
            StringBuilder numbered = new StringBuilder();
            int next = 0;
            for (char c : fragment.toCharArray()) {
                if (c == '?') {
                    values.add(bound[next++]);
                    numbered.append('?').append(values.size());
                } else {
                    numbered.append(c);
                }
            }
            sql += (sql.isEmpty() ? " WHERE " : " AND ") + numbered;
        }

        Query bind(Query query) {
            for (int i = 0; i < values.size(); i++) {
                query.setParameter(i + 1, values.get(i));
            }
            return query;
        }
    }
}
