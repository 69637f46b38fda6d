package dev.hoist.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Search results kept so that the popular ones cost no query: the public results everyone gets,
 * and each signed-in reader's private matches (the part only they see). An entry is used only
 * while the database's {@code search_generation} has not moved since it was computed (any change
 * to what a search could show or to who may read what moves it, in the changing transaction,
 * whichever copy of Hoist made it) and for at most {@link #TTL}, which bounds how far star and
 * pull counts may lag. Both kinds are least-recently-used lists of bounded length.
 */
@ApplicationScoped
public class SearchCache {

    static final Duration TTL = Duration.ofSeconds(30);
    /** Results and rendered pages (some 20 KB each) together. */
    static final int MAX_ENTRIES = 2_000;

    /** Readers' private matches: most lists are empty, none holds more than SearchSql.CANDIDATES hits. */
    static final int MAX_READER_ENTRIES = 10_000;

    /** And at most this many hits in all (some 300 bytes each), however long the lists. */
    static final int MAX_READER_HITS = 100_000;

    /**
     * What was asked: results, suggestions or a rendered page; and for whom.
     *
     * @param reader the account whose private matches these are, or 0 for what everyone sees
     */
    record Key(String kind, long reader, SearchQuery query) {

        Key(String kind, SearchQuery query) {
            this(kind, 0, query);
        }
    }

    private record Entry(Object value, long generation, long expiresAt) {
    }

    @Inject
    DataSource database;

    private final Map<Key, Entry> entries = lru(MAX_ENTRIES);
    /** Least recently used first out, once there are too many lists or too many hits in them (see put). */
    private final Map<Key, Entry> readerEntries = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            if (size() <= MAX_READER_ENTRIES) {
                return false;
            }
            readerHits -= hits(eldest.getValue());
            return true;
        }
    };
    private long readerHits;

    private static Map<Key, Entry> lru(int max) {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > max;
            }
        };
    }

    private final Object generationLock = new Object();
    private long readsStarted;
    private long readsDone;
    private boolean reading;
    private long lastGeneration;

    /**
     * The current {@code search_generation}, as read by a query that began after this call did: so
     * it reflects every change committed before the search was asked (a change is never missed,
     * not even one made a moment ago through this copy). Concurrent searches share such a read
     * rather than each making their own: under load, one read serves everyone who arrived while the
     * previous one was running.
     */
    long generation() {
        long mine;
        synchronized (generationLock) {
            long needed = readsStarted + 1; // the first read to begin after this call
            while (true) {
                if (readsDone >= needed) {
                    return lastGeneration;
                }
                if (!reading) {
                    reading = true;
                    mine = ++readsStarted;
                    break;
                }
                waitForRead();
            }
        }
        long value;
        try {
            value = readGeneration();
        } catch (RuntimeException e) {
            synchronized (generationLock) {
                reading = false;
                generationLock.notifyAll();
            }
            throw e;
        }
        synchronized (generationLock) {
            lastGeneration = value;
            readsDone = mine;
            reading = false;
            generationLock.notifyAll();
        }
        return value;
    }

    private void waitForRead() {
        try {
            generationLock.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading search_generation", e);
        }
    }

    /** Straight from the pool with no transaction around it: on a hit, it is all the database is asked. */
    private long readGeneration() {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT value FROM search_generation")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read search_generation", e);
        }
    }

    /** An anonymous search's whole page, rendered once per generation. */
    public String page(SearchQuery query, java.util.function.Supplier<String> render) {
        Key key = new Key("html", query);
        long generation = generation();
        String html = get(key, generation);
        if (html == null) {
            html = render.get();
            put(key, generation, html);
        }
        return html;
    }

    /** The value stored for {@code key} at {@code generation}, if it has not expired; else null. */
    @SuppressWarnings("unchecked")
    synchronized <T> T get(Key key, long generation) {
        Entry entry = (key.reader() == 0 ? entries : readerEntries).get(key);
        if (entry == null || entry.generation() != generation || entry.expiresAt() < System.nanoTime()) {
            return null;
        }
        return (T) entry.value();
    }

    /** Stores a value computed after reading {@code generation} (read first, so a change during the query is never missed). */
    synchronized void put(Key key, long generation, Object value) {
        Entry entry = new Entry(value, generation, System.nanoTime() + TTL.toNanos());
        if (key.reader() == 0) {
            entries.put(key, entry);
            return;
        }
        readerHits += hits(entry);
        readerHits -= hits(readerEntries.put(key, entry));
        var eldest = readerEntries.values().iterator();
        while (readerHits > MAX_READER_HITS && eldest.hasNext()) {
            readerHits -= hits(eldest.next());
            eldest.remove();
        }
    }

    private static long hits(Entry entry) {
        return entry != null && entry.value() instanceof java.util.List<?> list ? list.size() : 0;
    }
}
