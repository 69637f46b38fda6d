package dev.hoist.edge;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses to start on management port 0. With a random port, Quarkus registers the management
 * server's metrics without the {@code server.port} tag the main server's carry, Prometheus
 * refuses the mismatch, and the server start never completes: Hoist would serve requests yet
 * hang on SIGTERM. A clear message at start beats that.
 */
@ApplicationScoped
class ManagementPort {

    void check(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.TEST) {
            return; // tests use quarkus.management.test-port, which Quarkus resolves before listening
        }
        var config = ConfigProvider.getConfig();
        boolean enabled = config.getOptionalValue("quarkus.management.enabled", Boolean.class).orElse(false);
        int port = config.getOptionalValue("quarkus.management.port", Integer.class).orElse(9000);
        if (enabled && port == 0) {
            throw new IllegalStateException("QUARKUS_MANAGEMENT_PORT=0 is not supported: give each copy of Hoist"
                    + " on this machine a management port of its own (metrics are served there)");
        }
    }
}
