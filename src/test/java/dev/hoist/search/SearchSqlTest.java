package dev.hoist.search;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When a search probes the indexes first: only for few matches that an index finds. */
class SearchSqlTest {

    @Test
    void fewMatchesThroughAnIndexAreProbedFirst() {
        assertTrue(SearchSql.expectsFew("Bitmap Heap Scan on repositories r  (cost=197.64..20147.84 rows=5930 width=4)"));
    }

    @Test
    void manyMatchesGoThroughThePopularityWindow() {
        assertFalse(SearchSql.expectsFew("Bitmap Heap Scan on repositories r  (cost=191.20..46940.04 rows=17147 width=4)"));
    }

    @Test
    void aTableScanIsNeverAProbeEvenIfItExpectsFewRows() {
        // "bn": two letters give the trigram index nothing; a probe would read the whole table for its limit.
        assertFalse(SearchSql.expectsFew("Seq Scan on repositories r  (cost=0.00..61234.00 rows=4000 width=4)"));
    }

    @Test
    void aWordTooShortForATrigramIsNeverProbed() {
        String fewRows = "Bitmap Heap Scan on repositories r  (cost=197.64..20147.84 rows=40 width=4)";
        assertFalse(SearchSql.expectsFew(query("bn"), fewRows));
        assertFalse(SearchSql.expectsFew(query("rails ha"), fewRows));
        assertTrue(SearchSql.expectsFew(query("influxdb"), fewRows));
        assertTrue(SearchSql.expectsFew(query("bitnami/redis"), fewRows));
    }

    private static SearchQuery query(String text) {
        return new SearchQuery(text, false, false, "", Sort.BEST, 1, SearchQuery.PAGE_SIZE);
    }

    @Test
    void anUnreadablePlanIsNotTrusted() {
        assertFalse(SearchSql.expectsFew(""));
    }
}
