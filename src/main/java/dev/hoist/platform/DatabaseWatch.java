package dev.hoist.platform;

import io.agroal.api.AgroalDataSource.FlushMode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Knows, within a few seconds and without ever blocking a request, whether the database answers.
 * Every second ({@code hoist.database.check-interval}) it opens a fresh connection (so a server
 * that accepts no new connections counts as down too) and asks for the server's start time, each
 * step bounded by a two-second timeout.
 * <ul>
 * <li>When the check fails, requests are answered "temporarily unavailable" at once (see the
 * gates) and the pool is flushed, which also cuts queries stuck on a frozen server: no socket
 * timeout is needed, so long legitimate work (garbage collection, migrations) is never cut.</li>
 * <li>When it answers again, or answers with another start time (it restarted between two
 * checks), the pool drops every connection made before, and requests go through again.</li>
 * </ul>
 */
@ApplicationScoped
public class DatabaseWatch {

    private static final Logger LOG = Logger.getLogger(DatabaseWatch.class);
    /** Seconds, as the driver takes them: connect, startup and the query each. */
    static final int TIMEOUT_SECONDS = 2;
    private static final String DRIVER_PROPERTIES = "quarkus.datasource.jdbc.additional-jdbc-properties.";

    @Inject
    AgroalDataSource pool;

    @Inject
    HoistConfig config;

    private volatile boolean available = true;
    private volatile Instant downSince;
    private Object serverStart;
    private volatile boolean stopping;
    private ScheduledExecutorService timer;
    private final org.postgresql.Driver driver = new org.postgresql.Driver();

    /**
     * False while the last check failed or the embedded server is being restarted: the gates
     * answer 503 without touching the database.
     */
    public boolean isAvailable() {
        return available && PostmasterGuard.restartingSince() == null;
    }

    /** When the current outage began (meaningful only while not available). */
    public Instant downSince() {
        // Read once each: the outage may end between the gate's question and this one.
        Instant restarting = PostmasterGuard.restartingSince();
        Instant since = available ? restarting : downSince;
        return since != null ? since : Instant.now();
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "hoist-database-watch");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.database().checkInterval().toMillis();
        timer.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        timer.shutdownNow();
    }

    private void check() {
        try {
            Object started = serverStartTime();
            if (!available) {
                LOG.infof("The database answers again after %d s; requests go through again",
                        Duration.between(downSince, Instant.now()).toSeconds());
                pool.flush(FlushMode.GRACEFUL);
            } else if (serverStart != null && !serverStart.equals(started)) {
                LOG.warn("The database restarted since the last check; dropping the connections made before");
                pool.flush(FlushMode.GRACEFUL);
            }
            serverStart = started;
            available = true;
        } catch (SQLException | RuntimeException e) {
            if (stopping) {
                return;
            }
            if (available) {
                downSince = Instant.now();
                available = false;
                LOG.errorf("The database does not answer (%s): pages and the registry answer 503 until it does", e.getMessage());
                // Frees the requests waiting on a frozen server; they answer 503 too.
                pool.flush(FlushMode.ALL);
            }
        }
    }

    private Object serverStartTime() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_postmaster_start_time()")) {
            rs.next();
            return rs.getObject(1);
        }
    }

    /** The datasource's URL, user and driver settings, with short timeouts of its own. */
    private Connection connect() throws SQLException {
        Config settings = ConfigProvider.getConfig();
        Properties properties = new Properties();
        for (String name : settings.getPropertyNames()) {
            if (name.startsWith(DRIVER_PROPERTIES)) {
                settings.getOptionalValue(name, String.class)
                        .ifPresent(v -> properties.setProperty(name.substring(DRIVER_PROPERTIES.length()), v));
            }
        }
        settings.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(v -> properties.setProperty("user", v));
        settings.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(v -> properties.setProperty("password", v));
        String timeout = String.valueOf(TIMEOUT_SECONDS);
        properties.setProperty("connectTimeout", timeout);
        properties.setProperty("socketTimeout", timeout);
        properties.setProperty("loginTimeout", timeout);
        properties.setProperty("ApplicationName", "hoist-database-watch");
        String url = settings.getValue("quarkus.datasource.jdbc.url", String.class);
        Connection connection = driver.connect(url, properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL URL: " + url);
        }
        return connection;
    }
}
