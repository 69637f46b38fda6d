package dev.hoist.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A reader's page, made from public pages and their private matches, is exactly the page of the
 * two lists sorted together: checked on every page of many random lists, for every order.
 */
class MergedResultsTest {

    @Test
    void everyPageIsThePageOfBothListsSortedTogether() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            Sort sort = Sort.values()[round % Sort.values().length];
            int size = 1 + random.nextInt(6);
            List<Hit> everyone = hits(random, random.nextInt(40), 0);
            List<Hit> mine = hits(random, random.nextInt(round % 3 == 0 ? 3 : 30), 1);
            everyone.sort(MergedResults.order(sort));
            List<Hit> both = new ArrayList<>(everyone);
            both.addAll(mine);
            both.sort(MergedResults.order(sort));
            int pages = Math.max(1, (both.size() + size - 1) / size) + 1;
            for (int page = 1; page <= pages; page++) {
                SearchQuery query = new SearchQuery("word", false, false, "", sort, page, size);
                List<Integer> asked = new ArrayList<>();
                Results merged = MergedResults.page(query, mine, p -> {
                    asked.add(p);
                    int from = Math.min(everyone.size(), (p - 1) * size);
                    return new Results(query.atPage(p), everyone.subList(from, Math.min(everyone.size(), from + size)),
                            everyone.size());
                });
                int from = Math.min(both.size(), (page - 1) * size);
                assertEquals(ids(both.subList(from, Math.min(both.size(), from + size))), ids(merged.hits()),
                        "round " + round + ", " + sort + ", page " + page + " of " + size);
                assertEquals(both.size(), merged.total());
                // Never more public pages than the private hits can push this one back by.
                assertEquals(true, asked.size() <= mine.size() / size + 2, "pages asked: " + asked);
            }
        }
    }

    @Test
    void suggestionsKeepTheBestOfBoth() {
        Hit low = hit(1, 0, 0.5, 1);
        Hit exact = hit(2, 2, 0.1, 1);
        Hit high = hit(3, 0, 0.9, 1);
        assertEquals(List.of(2L, 3L), ids(MergedResults.suggestions(List.of(high, low), List.of(exact), 2)));
    }

    /** Hits with ties on purpose (few distinct values), so that the id must break them; ids odd or even by {@code firstId}. */
    private static List<Hit> hits(Random random, int count, long firstId) {
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hits.add(hit(firstId + random.nextInt(5000) * 2L + i * 10_000L, random.nextInt(3), random.nextInt(4) / 4.0,
                    random.nextInt(5)));
        }
        return hits;
    }

    private static Hit hit(long id, int exactness, double relevance, int stars) {
        return new Hit(id, "ns/r" + id, "r" + id, "", stars, stars * 3L % 7, Instant.ofEpochSecond(stars * 1000L),
                false, false, false, exactness, relevance);
    }

    private static List<Long> ids(List<Hit> hits) {
        return hits.stream().map(Hit::id).toList();
    }
}
