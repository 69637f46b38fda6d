package dev.hoist.account;

import dev.hoist.platform.HoistConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Counts sign-in attempts per account name and per client address, in the database so that every
 * copy of Hoist shares the count, and locks a key for a while once it has too many.
 *
 * <p>A password attempt is counted <em>before</em> its password is checked, in the same statement
 * that decides whether it may be checked at all: however many guesses arrive at once, on however
 * many copies, at most the limit are ever checked per window. A success then gives its attempt back
 * (the address) or clears the count (the account: its owner just proved who they are).
 *
 * <p>Personal access tokens have a count of their own per client address: wrong passwords lock
 * password sign-in only, so nobody can stop a user's CI by typing their name with wrong passwords.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Whether a password attempt may be checked, and how busy its name and address already are. */
    public record Attempt(boolean allowed, Duration retryAfter, int nameAttempts, int addressAttempts) {
        /** A name or address that already failed (or is being tried in parallel) in this window. */
        public boolean suspect() {
            return nameAttempts > 1 || addressAttempts > 1;
        }
    }

    @Inject
    EntityManager em;

    @Inject
    HoistConfig config;

    /**
     * Reserves one attempt on the account and on the address in one statement (account first, so
     * two statements always lock the rows in the same order); refused when either is over its limit.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Attempt reservePassword(String username, String address) {
        HoistConfig.Login rules = config.login();
        Instant now = Instant.now();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(UPSERT.formatted(
                "(:accountKey, 1, CAST(:now AS timestamptz), CASE WHEN CAST(:accountLimit AS integer) <= 1 THEN CAST(:lockUntil AS timestamptz) END), "
                        + "(:addressKey, 1, CAST(:now AS timestamptz), CASE WHEN CAST(:addressLimit AS integer) <= 1 THEN CAST(:lockUntil AS timestamptz) END)",
                "CASE WHEN f.key = :accountKey THEN :accountLimit ELSE :addressLimit END"))
                .setParameter("accountKey", accountKey(username))
                .setParameter("addressKey", addressKey(address))
                .setParameter("accountLimit", rules.accountFailures())
                .setParameter("addressLimit", rules.addressFailures())
                .setParameter("now", Timestamp.from(now))
                .setParameter("windowStart", Timestamp.from(now.minus(rules.window())))
                .setParameter("lockUntil", Timestamp.from(now.plus(rules.lockout())))
                .getResultList();
        int name = 0;
        int from = 0;
        Instant until = null;
        for (Object[] row : rows) {
            boolean isAccount = accountKey(username).equals(row[0]);
            int count = ((Number) row[1]).intValue();
            Instant locked = (Instant) row[2];
            if (count > (isAccount ? rules.accountFailures() : rules.addressFailures())) {
                Instant end = locked != null ? locked : now.plus(rules.lockout());
                until = until == null || end.isAfter(until) ? end : until;
            }
            if (isAccount) {
                name = count;
            } else {
                from = count;
            }
        }
        if (until == null) {
            return new Attempt(true, null, name, from);
        }
        // Refused: give back what the other key counted, so a locked address cannot use up an account.
        if (name <= rules.accountFailures()) {
            giveBack(accountKey(username), rules.accountFailures());
        }
        if (from <= rules.addressFailures()) {
            giveBack(addressKey(address), rules.addressFailures());
        }
        return new Attempt(false, Duration.between(now, until), name, from);
    }

    /** An attempt that was reserved but never checked (the check could not run) is given back. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void unchecked(String username, String address) {
        giveBack(accountKey(username), config.login().accountFailures());
        giveBack(addressKey(address), config.login().addressFailures());
    }

    /** The right password clears the account's count; the address gets this attempt back. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void passwordSucceeded(String username, String address) {
        em.createNativeQuery("DELETE FROM login_failures WHERE key = ?1").setParameter(1, accountKey(username)).executeUpdate();
        giveBack(addressKey(address), config.login().addressFailures());
    }

    /** How long until personal access tokens from this address are accepted again, if locked. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Duration> tokenLockedFor(String address) {
        Instant now = Instant.now();
        @SuppressWarnings("unchecked")
        List<Instant> until = em.createNativeQuery("SELECT locked_until FROM login_failures WHERE key = ?1 AND locked_until > ?2")
                .setParameter(1, tokenKey(address))
                .setParameter(2, Timestamp.from(now))
                .getResultList();
        return until.stream().findFirst().map(t -> Duration.between(now, t));
    }

    /**
     * Counts a wrong token from this address. Tokens are 256 random bits, so a burst of parallel
     * guesses that all get checked before the lock is read risks nothing; a valid token never
     * writes here, so a CI farm behind one address does not queue on one row.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void tokenFailed(String address) {
        HoistConfig.Login rules = config.login();
        Instant now = Instant.now();
        em.createNativeQuery(UPSERT.formatted("(:key, 1, CAST(:now AS timestamptz), CASE WHEN CAST(:limit AS integer) <= 1 THEN CAST(:lockUntil AS timestamptz) END)", ":limit"))
                .setParameter("key", tokenKey(address))
                .setParameter("limit", rules.tokenAddressFailures())
                .setParameter("now", Timestamp.from(now))
                .setParameter("windowStart", Timestamp.from(now.minus(rules.window())))
                .setParameter("lockUntil", Timestamp.from(now.plus(rules.lockout())))
                .getResultList();
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

    /**
     * Counts one attempt per key: while locked, the count grows and the lock stands; a lock that
     * has passed, or a window that has, starts a new window; reaching the limit locks. An attempt
     * is allowed when its count is at most the limit. The first %s are the VALUES, the second the
     * key's limit (an integer expression).
     */
    private static final String UPSERT = """
            INSERT INTO login_failures AS f (key, failures, window_start, locked_until) VALUES %1$s
            ON CONFLICT (key) DO UPDATE SET
                failures = CASE
                    WHEN f.locked_until > CAST(:now AS timestamptz) THEN f.failures + 1
                    WHEN f.locked_until IS NOT NULL OR f.window_start < CAST(:windowStart AS timestamptz) THEN 1
                    ELSE f.failures + 1 END,
                window_start = CASE
                    WHEN f.locked_until > CAST(:now AS timestamptz) THEN f.window_start
                    WHEN f.locked_until IS NOT NULL OR f.window_start < CAST(:windowStart AS timestamptz) THEN CAST(:now AS timestamptz)
                    ELSE f.window_start END,
                locked_until = CASE
                    WHEN f.locked_until > CAST(:now AS timestamptz) THEN f.locked_until
                    WHEN f.locked_until IS NOT NULL OR f.window_start < CAST(:windowStart AS timestamptz)
                        THEN CASE WHEN CAST(%2$s AS integer) <= 1 THEN CAST(:lockUntil AS timestamptz) END
                    WHEN f.failures + 1 >= CAST(%2$s AS integer) THEN CAST(:lockUntil AS timestamptz)
                    ELSE NULL END
            RETURNING f.key, f.failures, f.locked_until
            """;

    /** One attempt back; the lock goes with it when the count falls below the limit again. */
    private void giveBack(String key, int limit) {
        em.createNativeQuery("""
                UPDATE login_failures SET failures = failures - 1,
                    locked_until = CASE WHEN failures - 1 < ?2 THEN NULL ELSE locked_until END
                WHERE key = ?1 AND failures > 0
                """)
                .setParameter(1, key)
                .setParameter(2, limit)
                .executeUpdate();
    }

    private static String accountKey(String username) {
        String name = username == null ? "" : username.toLowerCase();
        return "account:" + (name.length() > 64 ? name.substring(0, 64) : name);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private static String tokenKey(String address) {
        return "token-address:" + address;
    }
}
