package dev.hoist.account;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Registry clients log in again for every push and pull; a bcrypt check each time costs more than
 * moving a small layer. A password that matched a moment ago is remembered for a minute, as a
 * keyed hash (the key lives only in this process) of the password together with the stored
 * hash, so a password change forgets it at once. Failures are never remembered.
 */
@ApplicationScoped
public class RecentSignIns {

    private static final Duration MEMORY = Duration.ofMinutes(1);
    private static final int MAX_ENTRIES = 10_000;

    private final byte[] key = new byte[32];
    private final Map<String, Instant> remembered = new ConcurrentHashMap<>();

    public RecentSignIns() {
        new SecureRandom().nextBytes(key);
    }

    public boolean matchedRecently(String password, String storedHash) {
        if (storedHash == null || password == null) {
            return false;
        }
        Instant until = remembered.get(fingerprint(password, storedHash));
        return until != null && until.isAfter(Instant.now());
    }

    public void remember(String password, String storedHash) {
        if (remembered.size() >= MAX_ENTRIES) {
            Instant now = Instant.now();
            remembered.values().removeIf(until -> until.isBefore(now));
            if (remembered.size() >= MAX_ENTRIES) {
                remembered.clear();
            }
        }
        remembered.put(fingerprint(password, storedHash), Instant.now().plus(MEMORY));
    }

    private String fingerprint(String password, String storedHash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(storedHash.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
