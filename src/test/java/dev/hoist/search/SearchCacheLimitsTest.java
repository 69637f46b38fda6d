package dev.hoist.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Readers' private matches take bounded memory: a bounded number of lists and of hits in them, the least recently used leaving first. */
class SearchCacheLimitsTest {

    private static final Hit HIT = new Hit(1, "a/b", "b", "", 0, 0, Instant.EPOCH, true, false, false, 0, 0);

    @Test
    void longListsAreDroppedOnceTheyHoldTooManyHits() {
        SearchCache cache = new SearchCache();
        int lists = 2 * SearchCache.MAX_READER_HITS / 100;
        for (int reader = 1; reader <= lists; reader++) {
            cache.put(key(reader), 7, Collections.nCopies(100, HIT));
        }
        assertNull(cache.get(key(1), 7), "the oldest list is gone");
        assertNotNull(cache.get(key(lists), 7), "the newest stays");
        int kept = 0;
        for (int reader = 1; reader <= lists; reader++) {
            kept += cache.get(key(reader), 7) == null ? 0 : 1;
        }
        assertEquals(SearchCache.MAX_READER_HITS / 100, kept);
    }

    @Test
    void emptyListsAreBoundedByTheirNumber() {
        SearchCache cache = new SearchCache();
        for (int reader = 1; reader <= SearchCache.MAX_READER_ENTRIES + 10; reader++) {
            cache.put(key(reader), 7, List.of());
        }
        assertNull(cache.get(key(10), 7));
        assertNotNull(cache.get(key(11), 7));
        // And a new generation is never served an old list.
        assertNull(cache.get(key(11), 8));
    }

    private static SearchCache.Key key(long reader) {
        return new SearchCache.Key("mine", reader, SearchQuery.of("word"));
    }
}
