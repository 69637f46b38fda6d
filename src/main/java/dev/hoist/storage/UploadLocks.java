package dev.hoist.storage;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per upload within this JVM, kept only while someone holds or waits for it. File
 * locks exclude other processes but throw instead of waiting when two threads of one JVM ask, so
 * threads queue here first.
 */
final class UploadLocks {

    private final Map<String, Entry> entries = new HashMap<>();

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    /** Waits for the upload's lock; close the result to release it. */
    Held hold(String key) {
        Entry entry;
        synchronized (entries) {
            entry = entries.computeIfAbsent(key, id -> new Entry());
            entry.users++;
        }
        entry.lock.lock();
        return () -> release(key, entry);
    }

    private void release(String key, Entry entry) {
        synchronized (entries) {
            entry.lock.unlock();
            if (--entry.users == 0) {
                entries.remove(key);
            }
        }
    }

    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
