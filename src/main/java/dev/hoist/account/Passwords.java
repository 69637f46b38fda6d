package dev.hoist.account;

import dev.hoist.HoistConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Password rules and bcrypt hashing (salted, slow), from WildFly Elytron. */
@ApplicationScoped
public class Passwords {

    public static final int MIN_LENGTH = 8;
    /** bcrypt reads only the first 72 bytes; longer passwords would be silently cut. */
    public static final int MAX_BYTES = 72;

    @Inject
    HoistConfig config;

    /** Hashed once so that a sign-in for a missing user costs as much as one for a real user. */
    private String decoyHash;

    @Startup
    void init() {
        decoyHash = hash("decoy password, never matches");
    }

    public Optional<String> problem(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("Use at least " + MIN_LENGTH + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("Use at most " + MAX_BYTES + " bytes.");
        }
        return Optional.empty();
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, config.password().bcryptCost());
    }

    /** Checks {@code password} against {@code hash}; with no hash, burns the same time and fails. */
    public boolean matches(String password, String hash) {
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        boolean real = hash != null;
        boolean ok = verify(password, real ? hash : decoyHash);
        return real && ok;
    }

    private static boolean verify(String password, String hash) {
        try {
            return BcryptUtil.matches(password, hash);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
