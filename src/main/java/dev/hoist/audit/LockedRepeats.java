package dev.hoist.audit;

import dev.hoist.model.events.SignInFailed;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A refusal of a locked name costs an attacker nothing (no password is checked), so a flood of them
 * would fill the audit log for a year. The first one a minute for each name and address is
 * recorded; the repeats, in each copy of Hoist, are not (the lock itself is in the log already).
 */
final class LockedRepeats {

    static final long QUIET_MILLIS = 60_000;
    private static final int MAX_KEYS = 10_000;

    private final ConcurrentHashMap<String, Long> lastRecorded = new ConcurrentHashMap<>();

    /** Whether this failure is a repeat of a LOCKED one recorded less than a minute ago. */
    boolean isRepeat(SignInFailed failed, String address, long nowMillis) {
        if (failed.reason() != SignInFailed.Reason.LOCKED) {
            return false;
        }
        if (lastRecorded.size() > MAX_KEYS) {
            lastRecorded.clear();
        }
        String key = failed.username() + "\n" + address;
        boolean[] repeat = {false};
        lastRecorded.compute(key, (k, last) -> {
            if (last != null && nowMillis - last < QUIET_MILLIS) {
                repeat[0] = true;
                return last;
            }
            return nowMillis;
        });
        return repeat[0];
    }
}
