import dev.hoist.platform.EmbeddedDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The database to fill or to measure: the one Hoist is configured with, or the embedded one in a data folder. */
final class Db implements AutoCloseable {

    final String url;
    final String user;
    final String password;
    private final EmbeddedPostgres embedded;

    private Db(String url, String user, String password, EmbeddedPostgres embedded) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    /** QUARKUS_DATASOURCE_JDBC_URL when set (as Hoist reads it), else the embedded PostgreSQL under {@code dataDir}. */
    static Db open(Path dataDir) throws IOException {
        String url = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (url != null && !url.isBlank()) {
            return new Db(url, env("QUARKUS_DATASOURCE_USERNAME", "postgres"), env("QUARKUS_DATASOURCE_PASSWORD", ""), null);
        }
        // Not durable: a benchmark database can be seeded again, and fsync would triple the time.
        EmbeddedPostgres postgres = EmbeddedDatabase.start(dataDir.resolve("postgres"), false);
        return new Db(postgres.getJdbcUrl("postgres", EmbeddedDatabase.DATABASE), "postgres", "", postgres);
    }

    static Db at(String url) {
        return new Db(url, env("QUARKUS_DATASOURCE_USERNAME", "postgres"), env("QUARKUS_DATASOURCE_PASSWORD", ""), null);
    }

    /** Whether this is the embedded server under a data folder, whose settings the benchmark may choose. */
    boolean embedded() {
        return embedded != null;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }

    /** The first column of the first row of {@code sql}, as a number. */
    static long number(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first column of the first row of {@code sql}, as text. */
    static String text(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
