package dev.hoist.account;

import dev.hoist.HoistConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts failed sign-ins per account name and per client address, in the database so that
 * every copy of Hoist shares the count, and locks a key for a while once it has too many.
 */
@ApplicationScoped
public class LoginThrottle {

    @Inject
    EntityManager em;

    @Inject
    HoistConfig config;

    /** How long until sign-ins for this name or from this address are allowed again, if locked. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Duration> lockedFor(String username, String address) {
        Instant now = Instant.now();
        // Both keys in one statement: every registry token request asks this.
        Instant until = (Instant) em.createNativeQuery(
                "SELECT max(locked_until) FROM login_failures WHERE key IN (?1, ?2) AND locked_until > ?3")
                .setParameter(1, accountKey(username))
                .setParameter(2, addressKey(address))
                .setParameter(3, Timestamp.from(now))
                .getSingleResult();
        return Optional.ofNullable(until).map(t -> Duration.between(now, t));
    }

    @Transactional
    public void recordFailure(String username, String address) {
        HoistConfig.Login rules = config.login();
        count(accountKey(username), rules.accountFailures());
        count(addressKey(address), rules.addressFailures());
    }

    /** A correct password clears the account's count (the address keeps its own). */
    @Transactional
    public void recordSuccess(String username) {
        em.createNativeQuery("DELETE FROM login_failures WHERE key = ?1")
                .setParameter(1, accountKey(username))
                .executeUpdate();
    }

    /** Forgets counts whose window and lock have both passed. */
    @Scheduled(every = "1h", delayed = "1m")
    @Transactional
    void purge() {
        Timestamp windowStart = Timestamp.from(Instant.now().minus(config.login().window()));
        em.createNativeQuery("DELETE FROM login_failures WHERE window_start < ?1 AND (locked_until IS NULL OR locked_until < now())")
                .setParameter(1, windowStart)
                .executeUpdate();
    }

    /** One statement, so that concurrent failures on several copies all count. */
    private void count(String key, int limit) {
        HoistConfig.Login rules = config.login();
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp windowStart = Timestamp.from(Instant.now().minus(rules.window()));
        Timestamp lockUntil = Timestamp.from(Instant.now().plus(rules.lockout()));
        em.createNativeQuery("""
                INSERT INTO login_failures AS f (key, failures, window_start, locked_until)
                VALUES (?1, 1, CAST(?2 AS timestamptz), CASE WHEN CAST(?5 AS integer) <= 1 THEN CAST(?4 AS timestamptz) END)
                ON CONFLICT (key) DO UPDATE SET
                    failures = CASE WHEN f.window_start < CAST(?3 AS timestamptz) THEN 1 ELSE f.failures + 1 END,
                    window_start = CASE WHEN f.window_start < CAST(?3 AS timestamptz)
                        THEN CAST(?2 AS timestamptz) ELSE f.window_start END,
                    locked_until = CASE
                        WHEN f.window_start >= CAST(?3 AS timestamptz) AND f.failures + 1 >= CAST(?5 AS integer)
                        THEN CAST(?4 AS timestamptz)
                        ELSE f.locked_until END
                """)
                .setParameter(1, key)
                .setParameter(2, now)
                .setParameter(3, windowStart)
                .setParameter(4, lockUntil)
                .setParameter(5, limit)
                .executeUpdate();
    }

    private static String accountKey(String username) {
        String name = username == null ? "" : username.toLowerCase();
        return "account:" + (name.length() > 64 ? name.substring(0, 64) : name);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
