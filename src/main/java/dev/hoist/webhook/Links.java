package dev.hoist.webhook;

import dev.hoist.platform.HoistConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Addresses in payloads (repo_url, callback_url, CloudEvents source): built without a request, so
 * from {@code hoist.base-url}; without it, this host's port on localhost (set the base URL!).
 */
@ApplicationScoped
public class Links {

    @Inject
    HoistConfig config;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int port;

    public String base() {
        return config.baseUrl().map(b -> b.replaceAll("/+$", "")).orElse("http://localhost:" + port);
    }

    /** Where a receiver answers a Docker Hub delivery (see webhook.api.Callbacks); the delivery id is its key. */
    public String callback(UUID deliveryId) {
        return base() + "/hooks/callback/" + deliveryId;
    }
}
