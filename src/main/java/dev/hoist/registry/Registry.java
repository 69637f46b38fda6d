package dev.hoist.registry;

import dev.hoist.platform.HoistConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;

/** Registry-wide names: the token service, the realm clients fetch tokens from, the API version header. */
@ApplicationScoped
public class Registry {

    public static final String API_VERSION_HEADER = "Docker-Distribution-API-Version";
    public static final String API_VERSION = "registry/2.0";
    public static final String DIGEST_HEADER = "Docker-Content-Digest";

    @Inject
    HoistConfig config;

    public String service() {
        return config.registry().service();
    }

    public String realm(URI requestBase) {
        URI base = config.baseUrl().map(URI::create).orElse(requestBase);
        return base.toString().replaceAll("/+$", "") + "/token";
    }
}
