package dev.hoist.quota;

import java.time.Duration;
import java.util.Optional;

/**
 * A quota reached. Knows nothing of HTTP: pages show the message next to the form's field, the
 * registry answers DENIED (a limit on what is held) or TOOMANYREQUESTS with Retry-After (a limit
 * that lifts by itself).
 */
public class QuotaExceededException extends RuntimeException {

    /** Which quota. */
    public enum Quota {
        PRIVATE_REPOSITORIES, REPOSITORIES, ORGANIZATIONS, UPLOAD_SESSIONS, TOKENS, CREATIONS
    }

    private final Quota quota;
    private final transient Duration retryAfter;

    public QuotaExceededException(Quota quota, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.quota = quota;
        this.retryAfter = retryAfter;
    }

    public Quota quota() {
        return quota;
    }

    /** When trying again may succeed without anything else changing; empty for limits on what is held. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Whole seconds for a Retry-After header, at least 1. */
    public long retryAfterSeconds() {
        return retryAfter == null ? 0 : Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
