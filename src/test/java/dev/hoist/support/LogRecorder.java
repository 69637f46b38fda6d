package dev.hoist.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps the log records that {@code wanted} picks, from {@link #start} to {@link #stop}: the
 * application logs through JBoss Logging onto java.util.logging's root in tests.
 */
public final class LogRecorder extends Handler {

    private final Predicate<LogRecord> wanted;
    private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());

    public LogRecorder(Predicate<LogRecord> wanted) {
        this.wanted = wanted;
    }

    public void start() {
        Logger.getLogger("").addHandler(this);
    }

    public void stop() {
        Logger.getLogger("").removeHandler(this);
    }

    /** What was kept so far, in order. */
    public List<LogRecord> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    public void clear() {
        records.clear();
    }

    @Override
    public void publish(LogRecord record) {
        if (wanted.test(record)) {
            records.add(record);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
