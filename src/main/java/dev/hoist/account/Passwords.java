package dev.hoist.account;

import dev.hoist.platform.HoistConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Password rules and bcrypt hashing (salted, slow), from WildFly Elytron. Checks run on a small
 * pool of their own ({@link PasswordCheckPool}); personal access tokens never come here (they are
 * long random strings, kept as SHA-256).
 */
@ApplicationScoped
public class Passwords {

    public static final int MIN_LENGTH = 8;
    /** bcrypt reads only the first 72 bytes; longer passwords would be silently cut. */
    public static final int MAX_BYTES = 72;

    @Inject
    HoistConfig config;

    private PasswordCheckPool pool;

    @Startup
    synchronized void init() {
        // One real check tells how long a check takes here, which a check for a missing name waits.
        String decoy = hash("decoy password, never matches");
        long start = System.nanoTime();
        verify("another password", decoy);
        int threads = config.login().checkThreads().filter(n -> n > 0)
                .orElse(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        pool = new PasswordCheckPool(threads, config.login().checkQueue(), Passwords::verify,
                Duration.ofNanos(System.nanoTime() - start));
    }

    @PreDestroy
    void stop() {
        if (pool != null) {
            pool.close();
        }
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

    /**
     * Checks {@code password} against {@code hash} on the check pool; with no hash, takes as long
     * and fails.
     *
     * @throws PasswordCheckPool.Busy when too many checks are waiting already
     */
    public boolean matches(String password, String hash) {
        return matches(password, hash, false);
    }

    /** As above; a {@code suspect} check (its name or address failed lately) waits behind all others. */
    public boolean matches(String password, String hash, boolean suspect) {
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        return pool().matches(password, hash, suspect);
    }

    synchronized PasswordCheckPool pool() {
        if (pool == null) {
            init();
        }
        return pool;
    }

    private static boolean verify(String password, String hash) {
        try {
            return BcryptUtil.matches(password, hash);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
