package dev.hoist.oidc;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns quarkus-oidc's default tenant on exactly when {@code hoist.oidc.issuer} is set, so that a
 * Hoist without OIDC settings starts no OIDC machinery. Its ordinal (150) sits below
 * application.properties and the environment: an explicit {@code QUARKUS_OIDC_TENANT_ENABLED} wins.
 */
public class OidcSwitch implements ConfigSourceFactory {

    static final String TENANT_ENABLED = "quarkus.oidc.tenant-enabled";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue issuer = context.getValue("hoist.oidc.issuer");
        boolean on = issuer != null && issuer.getValue() != null && !issuer.getValue().isBlank();
        return List.of(new PropertiesConfigSource(Map.of(TENANT_ENABLED, String.valueOf(on)), "hoist-oidc-switch", 150));
    }
}
