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
