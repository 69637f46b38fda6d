package dev.hoist.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps the embedded PostgreSQL running for as long as Hoist runs. Twice a second it looks at the
 * postmaster process; when it has died (killed, crashed, OOM-killed) it starts it again on the same
 * data directory and port, so the datasource's URL stays right and PostgreSQL's crash recovery
 * replays its log. In-process because a laptop user has no supervisor to restart Hoist; when the
 * restart keeps failing for a minute (port taken, disk full, broken data) Hoist exits with status 3
 * so that a supervisor, if there is one, can take over. A stopped (SIGSTOP) postmaster cannot be
 * fixed by a restart: it is only reported; requests fail fast meanwhile (see DatabaseWatch).
 * While a restart is under way, {@link #restartingSince()} says so, and the gates answer 503
 * without waiting for the next database check.
 */
final class PostmasterGuard implements Runnable {

    private static final Logger LOG = Logger.getLogger(PostmasterGuard.class);
    private static final Duration INTERVAL = Duration.ofMillis(500);
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);
    static final int EXIT_STATUS = 3;

    private final Path directory;
    private final int port;
    private EmbeddedPostgres postgres;
    private volatile long pid;
    private boolean reportedStopped;
    private volatile boolean stopping;
    private static volatile Instant restartingSince;

    private PostmasterGuard(Path directory, EmbeddedPostgres postgres) throws IOException {
        this.directory = directory;
        this.port = postgres.getPort();
        this.postgres = postgres;
        this.pid = postmasterPid();
    }

    /** Watches {@code postgres} from a daemon thread, and stops it when the JVM exits. */
    static void watch(Path directory, EmbeddedPostgres postgres) throws IOException {
        PostmasterGuard guard = new PostmasterGuard(directory, postgres);
        Thread thread = new Thread(guard, "hoist-postmaster-guard");
        thread.setDaemon(true);
        thread.start();
        Runtime.getRuntime().addShutdownHook(new Thread(guard::stop, "hoist-postmaster-stop"));
    }

    /** When the running restart began, or null when none is under way. */
    static Instant restartingSince() {
        return restartingSince;
    }

    @Override
    public void run() {
        while (!stopping) {
            sleep(INTERVAL);
            char state = Processes.state(pid, "postgres");
            if (stopping) {
                return; // the shutdown hook stopped it
            }
            if (state == Processes.GONE) {
                restart();
            } else if (state == 'T' && !reportedStopped) {
                LOG.errorf("PostgreSQL (pid %d) is stopped (SIGSTOP?): requests answer 503 until it is continued (SIGCONT)", pid);
                reportedStopped = true;
            } else if (state != 'T' && reportedStopped) {
                LOG.infof("PostgreSQL (pid %d) runs again", pid);
                reportedStopped = false;
            }
        }
    }

    private void restart() {
        LOG.errorf("PostgreSQL (pid %d) has died; restarting it on port %d with the data in %s", pid, port, directory);
        Instant start = Instant.now();
        restartingSince = start;
        try {
            restartUntilUp(start);
        } finally {
            restartingSince = null;
        }
    }

    private void restartUntilUp(Instant start) {
        Duration wait = Duration.ofMillis(250);
        while (!stopping) {
            try {
                if (startAgain()) {
                    LOG.warnf("PostgreSQL restarted in %d ms (pid %d, port %d)",
                            Duration.between(start, Instant.now()).toMillis(), pid, port);
                }
                return;
            } catch (IOException | RuntimeException e) {
                // The dead server's backends may still hold its shared memory for a moment.
                if (Duration.between(start, Instant.now()).compareTo(GIVE_UP_AFTER) > 0) {
                    LOG.errorf(e, "PostgreSQL could not be restarted within %d s; Hoist exits so that a supervisor can restart it",
                            GIVE_UP_AFTER.toSeconds());
                    new Thread(() -> System.exit(EXIT_STATUS), "hoist-exit").start();
                    return;
                }
                LOG.warnf("PostgreSQL did not restart yet (%s); trying again", e.getMessage());
                sleep(wait);
                wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(4)) > 0 ? Duration.ofSeconds(4) : wait.multipliedBy(2);
            }
        }
    }

    /** One attempt; under the lock that {@link #stop()} takes, so a server started now is also stopped at exit. */
    private synchronized boolean startAgain() throws IOException {
        if (stopping) {
            return false;
        }
        // A server that cannot listen would keep Zonky waiting out its whole start-up timeout.
        requirePortFree();
        // Zonky locks its epg-lock file for the life of the dead instance: a new file lets the new
        // instance take its own lock (the old one, of a dead server, guards nothing).
        Files.deleteIfExists(directory.resolve("epg-lock"));
        postgres = EmbeddedDatabase.start(directory, true, port);
        pid = postmasterPid();
        return true;
    }

    private void requirePortFree() throws IOException {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            // free: PostgreSQL may take it
        } catch (BindException e) {
            throw new IOException("port " + port + " is taken by another process", e);
        }
    }

    private void stop() {
        stopping = true;
        synchronized (this) {
            try {
                postgres.close();
            } catch (IOException e) {
                LOG.error("Could not stop the embedded PostgreSQL", e);
            }
        }
    }

    private long postmasterPid() throws IOException {
        List<String> lines = Files.readAllLines(directory.resolve("postmaster.pid"));
        return Optional.of(lines).filter(l -> !l.isEmpty()).map(l -> Long.parseLong(l.get(0).trim()))
                .orElseThrow(() -> new IOException("no pid in " + directory.resolve("postmaster.pid")));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
