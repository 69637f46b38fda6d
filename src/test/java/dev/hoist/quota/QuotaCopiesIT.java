package dev.hoist.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoist.support.Burst;
import dev.hoist.support.HoistProcess;
import dev.hoist.support.PostgresResource;
import dev.hoist.support.Visitor;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two copies of the packaged jar on one PostgreSQL: a burst split between them still stops at the
 * plan's one private repository and at the organizations quota, because the locks are PostgreSQL's.
 */
class QuotaCopiesIT {

    private static final int BURST = 12;

    @Test
    void twoCopiesHoldThePlanAndTheQuotasTogether() throws Exception {
        try (EmbeddedPostgres postgres = PostgresResource.startThrowaway()) {
            Map<String, String> env = Map.of(
                    "QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"),
                    "QUARKUS_DATASOURCE_USERNAME", "postgres",
                    "QUARKUS_DATASOURCE_PASSWORD", "",
                    "HOIST_QUOTA_ORGANIZATIONS_PER_USER", "3");
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            try (HoistProcess a = HoistProcess.start(Files.createTempDirectory(tmp, "hoist-it"), env);
                    HoistProcess b = HoistProcess.start(Files.createTempDirectory(tmp, "hoist-it"), env)) {
                String me = Visitor.uniqueName("twice");
                Visitor onA = new Visitor(a.baseUri()).signUp(me);
                try (Connection db = postgres.getPostgresDatabase().getConnection()) {
                    update(db, "UPDATE accounts SET email_verified = true WHERE namespace_id = (SELECT id FROM namespaces WHERE name = ?)", me);
                    String token = onA.csrfToken("/repository/create");
                    List<Visitor> copies = List.of(onA, new Visitor(b.baseUri()).withCookie("hoist_session", onA.cookie("hoist_session"))
                            .withCookie("hoist_csrf", onA.cookie("hoist_csrf")));

                    List<Integer> repos = Burst.of(BURST, i -> copies.get(i % 2).copy().post("/repository/create", Map.of(
                            "namespace", me, "name", "p" + i, "visibility", "private", "csrf-token", token)).statusCode());
                    List<Integer> orgs = Burst.of(BURST, i -> copies.get(i % 2).copy().post("/orgs/new", Map.of(
                            "name", me.substring(0, 8) + "org" + i, "csrf-token", token)).statusCode());

                    assertEquals(1, Burst.count(repos, 303), repos.toString());
                    assertEquals(1, count(db, "SELECT count(*) FROM repositories r JOIN namespaces n ON n.id = r.namespace_id "
                            + "WHERE n.name = ? AND r.private", me));
                    assertEquals(3, Burst.count(orgs, 303), orgs.toString());
                    assertEquals(3, count(db, "SELECT count(*) FROM organizations o JOIN accounts a ON a.id = o.created_by "
                            + "JOIN namespaces n ON n.id = a.namespace_id WHERE n.name = ?", me));
                }
            }
        }
    }

    private static void update(Connection db, String sql, String parameter) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, parameter);
            statement.executeUpdate();
        }
    }

    private static long count(Connection db, String sql, String parameter) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
