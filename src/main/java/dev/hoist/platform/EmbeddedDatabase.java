package dev.hoist.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The embedded default: a real PostgreSQL from the Zonky binaries, its data kept under
 * {@code <data-dir>/postgres} across restarts. It is started before Quarkus so that the
 * datasource, Flyway and Hibernate find it like any external server.
 */
public final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    public static final String DATABASE = "hoist";

    private EmbeddedDatabase() {
    }

    /** Starts PostgreSQL and points the datasource at it, unless a JDBC URL is configured. */
    public static void startUnlessConfigured() throws IOException {
        if (setting("quarkus.datasource.jdbc.url").isPresent()) {
            LOG.info("Using the configured PostgreSQL; the embedded one is not started");
            return;
        }
        Path dataDir = Path.of(setting("hoist.data-dir").orElse("data")).toAbsolutePath().normalize();
        Path directory = dataDir.resolve("postgres");
        EmbeddedPostgres postgres = start(directory, true, 0);
        PostmasterGuard.watch(directory, postgres);
        System.setProperty("quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", DATABASE));
        System.setProperty("quarkus.datasource.username", "postgres");
        System.setProperty("quarkus.datasource.password", "");
    }

    /**
     * Starts a server on {@code directory}, creating the cluster and the {@code hoist} database
     * the first time. The server stops when the JVM exits (Zonky registers a shutdown hook).
     *
     * @param durable keep fsync and synchronous commits on: off is only for throwaway test data
     */
    public static EmbeddedPostgres start(Path directory, boolean durable) throws IOException {
        EmbeddedPostgres postgres = builder(directory, durable).start();
        return created(postgres, directory);
    }

    /**
     * The same for Hoist itself, on {@code port} (0: any free one), with no shutdown hook of Zonky's:
     * {@link PostmasterGuard} stops the server, so that it never restarts one that is being stopped.
     */
    static EmbeddedPostgres start(Path directory, boolean durable, int port) throws IOException {
        EmbeddedPostgres.Builder builder = builder(directory, durable).setRegisterShutdownHook(false);
        if (port != 0) {
            builder.setPort(port);
        }
        return created(builder.start(), directory);
    }

    private static EmbeddedPostgres.Builder builder(Path directory, boolean durable) throws IOException {
        Files.createDirectories(directory);
        StalePostmaster.stopIfRunning(directory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60));
        if (durable) {
            // Zonky starts postgres with -F (no fsync) and synchronous_commit=off: fine for tests, not for data.
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        return builder;
    }

    private static EmbeddedPostgres created(EmbeddedPostgres postgres, Path directory) throws IOException {
        createDatabaseIfMissing(postgres);
        LOG.infof("Embedded PostgreSQL on port %d, data in %s", postgres.getPort(), directory);
        return postgres;
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8'");
        } catch (java.sql.SQLException e) {
            throw new IOException("Could not create the " + DATABASE + " database", e);
        }
    }

    /** A setting from a system property or its environment-variable form, read before Quarkus starts. */
    private static Optional<String> setting(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
