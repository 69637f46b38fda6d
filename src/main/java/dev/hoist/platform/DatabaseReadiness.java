package dev.hoist.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/ready} reports the database as {@link DatabaseWatch} last saw it: answered at
 * once, so the health check never hangs on a frozen server (Quarkus' own check, which opens a
 * connection on every call, is turned off in application.properties).
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Inject
    DatabaseWatch watch;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Database connections health check");
        if (watch.isAvailable()) {
            return response.up().build();
        }
        // The driver's message names the database host: it goes to the log, not to this public page.
        return response.down().withData("down-since", watch.downSince().toString()).build();
    }
}
