package dev.hoist.account;

import dev.hoist.platform.HoistConfig;
import dev.hoist.platform.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Sign-up attempts per client address, counted in PostgreSQL so every copy of Hoist shares them. */
@ApplicationScoped
public class SignupThrottle {

    @Inject
    RateLimiter limiter;

    @Inject
    HoistConfig config;

    /** Counts one attempt from {@code address}; empty when allowed, else when the next one will be. */
    public Optional<Instant> attempt(String address) {
        HoistConfig.SignupLimits limits = config.signup();
        return limiter.take(List.of(new RateLimiter.Bucket("signup:" + network(address), limits.perAddress(), limits.window())));
    }

    /** An IPv6 client gets a whole /64 from its provider: count the /64, or one host would be billions. */
    static String network(String address) {
        if (address == null || address.isEmpty()) {
            return "unknown";
        }
        if (!address.contains(":")) {
            return address;
        }
        try {
            byte[] bytes = java.net.InetAddress.getByName(address.replaceAll("^\\[|\\]$|%.*$", "")).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(String.format("%02x%02x:", bytes[i], bytes[i + 1]));
            }
            return prefix.append(":/64").toString();
        } catch (java.net.UnknownHostException e) {
            return address;
        }
    }
}
