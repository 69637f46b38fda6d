package dev.hoist.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.hibernate.orm.panache.Panache;
import java.util.ArrayList;
import java.util.List;

/** Reads the audit_log table as it is, for tests to check what an action recorded. */
public final class AuditRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditRows() {
    }

    public record Row(long id, String actor, String actorToken, String action, String namespace, String repository,
            String target, String account, String clientAddress, JsonNode details) {
    }

    /** Rows whose {@code column} (namespace, repository, account, actor) is {@code value}, oldest first. */
    @SuppressWarnings("unchecked")
    public static List<Row> where(String column, String value) {
        if (!List.of("namespace", "repository", "account", "actor").contains(column)) {
            throw new IllegalArgumentException(column);
        }
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager().createNativeQuery(
                "SELECT id, actor, actor_token, action, namespace, repository, target, account, client_address, details::text"
                        + " FROM audit_log WHERE " + column + " = ?1 ORDER BY id")
                .setParameter(1, value).getResultList());
        List<Row> result = new ArrayList<>();
        for (Object[] r : rows) {
            try {
                result.add(new Row(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                        (String) r[5], (String) r[6], (String) r[7], (String) r[8], JSON.readTree((String) r[9])));
            } catch (JsonProcessingException e) {
                throw new AssertionError(e);
            }
        }
        return result;
    }

    /** The actions of {@link #where}, in order. */
    public static List<String> actions(String column, String value) {
        return where(column, value).stream().map(Row::action).toList();
    }

    /** Runs one statement on the table and returns the rows it changed (it may throw: the table refuses some). */
    public static int execute(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager().createNativeQuery(sql).executeUpdate());
    }
}
