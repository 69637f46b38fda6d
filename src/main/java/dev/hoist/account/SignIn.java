package dev.hoist.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Checks a username and password, counting failures toward the lockout. Shared by the sign-in
 * page and, later, the registry's token endpoint, so both count toward the same lock.
 */
@ApplicationScoped
public class SignIn {

    /** Either the account, or a lock still in force, or neither (wrong credentials). */
    public record Result(Account account, Duration lockedFor) {
    }

    @Inject
    Passwords passwords;

    @Inject
    LoginThrottle throttle;

    @Inject
    RecentSignIns recent;

    public Result withPassword(String username, String password, String address) {
        Duration locked = throttle.lockedFor(username, address).orElse(null);
        if (locked != null) {
            return new Result(null, locked);
        }
        Account account = Account.findByUsername(username).orElse(null);
        String stored = account == null ? null : account.passwordHash;
        boolean ok = recent.matchedRecently(password, stored) || passwords.matches(password, stored);
        if (!ok) {
            throttle.recordFailure(username, address);
            return new Result(null, null);
        }
        throttle.recordSuccess(username);
        recent.remember(password, stored);
        return new Result(account, null);
    }
}
