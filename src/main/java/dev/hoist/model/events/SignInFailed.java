package dev.hoist.model.events;

import java.time.Instant;

/**
 * A sign-in was refused. {@code actor} is null (nobody proved who they are); {@code username} is the
 * name as typed, which may belong to no account, made safe to log (see {@link #loggable}). Never
 * the password or token.
 */
public record SignInFailed(Instant at, String actor, String username, SignInMethod method, Reason reason)
        implements DomainEvent {

    /** Longer than any username (30) or email address (254): beyond is not a name, only noise. */
    private static final int MAX_USERNAME = 254;

    public enum Reason {
        /** No such account, or the password or token did not match. */
        WRONG_CREDENTIALS,
        /** Too many failures: refused without checking. */
        LOCKED
    }

    public SignInFailed {
        username = loggable(username);
    }

    /** The typed name without control characters (a log line stays one line), cut to a sane length. */
    public static String loggable(String typed) {
        if (typed == null) {
            return "";
        }
        String clean = typed.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > MAX_USERNAME ? clean.substring(0, MAX_USERNAME) : clean;
    }
}
