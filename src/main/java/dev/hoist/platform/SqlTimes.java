package dev.hoist.platform;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A {@code timestamptz} column read through a native query: the driver and Hibernate hand it back in several types. */
public final class SqlTimes {

    private SqlTimes() {
    }

    /** The instant of a column's value; null stays null. */
    public static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof Timestamp time) {
            return time.toInstant();
        }
        throw new IllegalArgumentException("Not a time: " + value.getClass().getName());
    }
}
