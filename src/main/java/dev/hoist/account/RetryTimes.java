package dev.hoist.account;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Says when a limited action is allowed again, for people: "at 10:42 UTC (in 12 minutes)". */
public final class RetryTimes {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private RetryTimes() {
    }

    public static String at(Instant when) {
        long minutes = Math.max(1, (Duration.between(Instant.now(), when).toSeconds() + 59) / 60);
        return "at " + CLOCK.format(when.plusSeconds(59)) + " UTC (in " + minutes + (minutes == 1 ? " minute)" : " minutes)");
    }

    /** Seconds for a Retry-After header. */
    public static long seconds(Instant when) {
        return Math.max(1, Duration.between(Instant.now(), when).toSeconds() + 1);
    }
}
