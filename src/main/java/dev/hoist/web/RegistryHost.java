package dev.hoist.web;

import dev.hoist.platform.HoistConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/** The {@code host[:port]} that image names start with, as users type it in {@code docker pull}. */
@ApplicationScoped
public class RegistryHost {

    @Inject
    HoistConfig config;

    public String of(UriInfo uri) {
        URI base = config.baseUrl().map(URI::create).orElse(uri.getBaseUri());
        return base.getPort() == -1 ? base.getHost() : base.getHost() + ":" + base.getPort();
    }
}
