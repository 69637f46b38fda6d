package dev.hoist.account;

import dev.hoist.model.Account;
import dev.hoist.model.events.DomainEvent;
import dev.hoist.model.events.SignInFailed;
import dev.hoist.model.events.SignInMethod;
import dev.hoist.model.events.SignInSucceeded;
import dev.hoist.platform.HoistConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/**
 * Checks a username and password for the sign-in page, {@code /token} and the JSON APIs, so all
 * of them count toward the same lock. The attempt is counted before the password is checked (see
 * {@link LoginThrottle}); checks run on a bounded pool ({@link Passwords}); and while many
 * sign-ins fail across all addresses, names and addresses that already failed wait before their
 * check ({@link FailureBudget}).
 */
@ApplicationScoped
public class SignIn {

    /** What a client is told when the check pool is full: try again in a moment. */
    static final Duration BUSY = Duration.ofSeconds(1);

    /** Either the account, or how long to wait (locked, or too busy now), or neither (wrong credentials). */
    public record Result(Account account, Duration lockedFor) {
    }

    @Inject
    Passwords passwords;

    @Inject
    LoginThrottle throttle;

    @Inject
    RecentSignIns recent;

    @Inject
    HoistConfig config;

    @Inject
    Event<DomainEvent> events;

    private FailureBudget budget;

    @PostConstruct
    void init() {
        budget = new FailureBudget(config.login().failureBudget(), System::currentTimeMillis);
    }

    /**
     * The sign-in page's check: {@code identifier} is a username, or an address some account has
     * verified. An address nobody verified is checked as the name typed, so it fails exactly like
     * a wrong password (nobody learns which addresses have accounts), and counts toward the same locks.
     */
    public Result withNameOrEmail(String identifier, String password, String address) {
        String username = identifier;
        if (identifier.contains("@")) {
            username = Account.withVerifiedEmail(identifier).map(Account::username).orElse(identifier);
        }
        return withPassword(username, password, address);
    }

    public Result withPassword(String username, String password, String address) {
        // A password that matched a moment ago is no guess: parallel requests of a client that just
        // logged in (a push asks a token per repository) are not counted against the lock.
        Account known = Account.findByUsername(username).orElse(null);
        if (known != null && recent.matchedRecently(password, known.passwordHash)) {
            return succeeded(known);
        }
        LoginThrottle.Attempt attempt = throttle.reservePassword(username, address);
        if (!attempt.allowed()) {
            failed(username, SignInFailed.Reason.LOCKED);
            return new Result(null, attempt.retryAfter());
        }
        Account account;
        boolean ok;
        try {
            if (attempt.suspect() && budget.spent()) {
                pause(config.login().failureDelay());
            }
            account = Account.findByUsername(username).orElse(null);
            String stored = account == null ? null : account.passwordHash;
            ok = recent.matchedRecently(password, stored) || passwords.matches(password, stored, attempt.suspect());
            if (ok) {
                recent.remember(password, stored);
            }
        } catch (PasswordCheckPool.Busy e) {
            throttle.unchecked(username, address);
            return new Result(null, BUSY);
        }
        if (!ok) {
            budget.recordFailure();
            failed(username, SignInFailed.Reason.WRONG_CREDENTIALS);
            return new Result(null, null);
        }
        throttle.passwordSucceeded(username, address);
        return succeeded(account);
    }

    // No transaction here: observers of committed events hear these at once. A full check pool
    // (Busy) is no sign-in attempt of the user's and fires nothing.
    private Result succeeded(Account account) {
        events.fire(new SignInSucceeded(Instant.now(), account.username(), SignInMethod.PASSWORD));
        return new Result(account, null);
    }

    private void failed(String username, SignInFailed.Reason reason) {
        events.fire(new SignInFailed(Instant.now(), null, username, SignInMethod.PASSWORD, reason));
    }

    FailureBudget budget() {
        return budget;
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
