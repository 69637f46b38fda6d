package dev.hoist.account;

import java.util.function.LongSupplier;

/**
 * Failed password sign-ins of the last minute in this copy, from every address together. While
 * more than the budget fail, sign-ins for names and from addresses that already failed are slowed
 * before they reach bcrypt, so a flood spread over many addresses cannot keep the checks busy.
 * Whether a name exists plays no part, so timing tells nothing about which names do.
 */
final class FailureBudget {

    private final int perMinute;
    private final LongSupplier clockMillis;
    private final long[] second = new long[60];
    private final int[] failures = new int[60];

    FailureBudget(int perMinute, LongSupplier clockMillis) {
        this.perMinute = perMinute;
        this.clockMillis = clockMillis;
    }

    synchronized void recordFailure() {
        long now = clockMillis.getAsLong() / 1000;
        int slot = (int) (now % 60);
        if (second[slot] != now) {
            second[slot] = now;
            failures[slot] = 0;
        }
        failures[slot]++;
    }

    synchronized int lastMinute() {
        long now = clockMillis.getAsLong() / 1000;
        int sum = 0;
        for (int i = 0; i < 60; i++) {
            if (second[i] > now - 60) {
                sum += failures[i];
            }
        }
        return sum;
    }

    boolean spent() {
        return lastMinute() >= perMinute;
    }

    synchronized void forget() {
        java.util.Arrays.fill(failures, 0);
    }
}
