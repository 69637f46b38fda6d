package dev.hoist.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A Hoist killed with SIGKILL leaves its postgres running on the data directory, and a new
 * postgres refuses to start there. This stops such an orphan before the embedded server starts.
 */
final class StalePostmaster {

    private static final Logger LOG = Logger.getLogger(StalePostmaster.class);

    private StalePostmaster() {
    }

    static void stopIfRunning(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> orphan = lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0))
                .flatMap(ProcessHandle::of)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            removeDeadLock(pidFile, lines);
            return;
        }
        LOG.warnf("Stopping an orphaned PostgreSQL (pid %d) left on %s", orphan.get().pid(), dataDirectory);
        orphan.get().destroy();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (orphan.get().isAlive() && Instant.now().isBefore(deadline)) {
            sleep();
        }
        if (orphan.get().isAlive()) {
            throw new IOException("PostgreSQL pid " + orphan.get().pid() + " still runs on " + dataDirectory);
        }
    }

    /**
     * A postmaster killed with SIGKILL may stay a zombie when whoever adopted it (PID 1 in a
     * container) never reaps it, and its pid may be reused: PostgreSQL then takes the lock file for
     * a live server's and refuses to start. Once no process is attached to the dead server's shared
     * memory (its backends exit when they notice the postmaster is gone) the lock guards nothing.
     */
    private static void removeDeadLock(Path pidFile, List<String> lines) throws IOException {
        Optional<Long> pid = lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0));
        if (pid.isEmpty() || Processes.state(pid.get(), "postgres") != Processes.GONE) {
            return;
        }
        int attached = lines.size() > 6 ? Processes.sharedMemoryAttachments(lines.get(6)) : 0;
        if (attached > 0) {
            throw new IOException("the shared memory of the dead PostgreSQL (pid " + pid.get() + ") is still used by "
                    + attached + " processes");
        }
        LOG.infof("Removing the lock files of PostgreSQL pid %d, which no longer runs", pid.get());
        if (lines.size() > 4 && !lines.get(4).isBlank()) {
            // Its Unix socket's lock (line 5 names the socket directory, line 4 the port) names the dead pid too.
            Path socket = Path.of(lines.get(4).trim(), ".s.PGSQL." + lines.get(3).trim());
            Path socketLock = Path.of(socket + ".lock");
            if (Files.exists(socketLock) && Files.readAllLines(socketLock).stream().findFirst()
                    .map(String::trim).equals(Optional.of(String.valueOf(pid.get())))) {
                Files.deleteIfExists(socket);
                Files.deleteIfExists(socketLock);
            }
        }
        Files.deleteIfExists(pidFile);
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
