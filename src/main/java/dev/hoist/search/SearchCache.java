package dev.hoist.search;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Anonymous searches' results, kept so that the popular ones cost no query. An entry is used only
 * while the database's {@code search_generation} has not moved since it was computed (any change
 * to what a search could show moves it, in the changing transaction, whichever copy of Hoist made
 * it) and for at most {@link #TTL}, which bounds how far star and pull counts may lag.
 */
@ApplicationScoped
public class SearchCache {

    static final Duration TTL = Duration.ofSeconds(30);
    static final int MAX_ENTRIES = 5_000;

    /** What was asked: a results page or suggestions. */
    record Key(String kind, SearchQuery query) {
    }

    private record Entry(Object value, long generation, long expiresAt) {
    }

    private final Map<Key, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** The value stored for {@code key} at {@code generation}, if it has not expired; else null. */
    @SuppressWarnings("unchecked")
    synchronized <T> T get(Key key, long generation) {
        Entry entry = entries.get(key);
        if (entry == null || entry.generation() != generation || entry.expiresAt() < System.nanoTime()) {
            return null;
        }
        return (T) entry.value();
    }

    /** Stores a value computed after reading {@code generation} (read first, so a change during the query is never missed). */
    synchronized void put(Key key, long generation, Object value) {
        entries.put(key, new Entry(value, generation, System.nanoTime() + TTL.toNanos()));
    }
}
