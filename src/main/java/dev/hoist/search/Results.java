package dev.hoist.search;

import java.util.List;

/**
 * One page of hits and how many there are in all. {@code total} stops growing at what the
 * candidate lists hold (see SearchSql), so a large number reads "at least".
 *
 * @param correctedFrom what was typed when it found nothing and {@code query} is its correction, else null
 */
public record Results(SearchQuery query, List<Hit> hits, long total, String correctedFrom) {

    public Results(SearchQuery query, List<Hit> hits, long total) {
        this(query, hits, total, null);
    }

    public static Results none(SearchQuery query) {
        return new Results(query, List.of(), 0);
    }

    Results asCorrectionOf(String typed) {
        return new Results(query, hits, total, typed);
    }

    public int pages() {
        return (int) Math.max(1, (total + query.pageSize() - 1) / query.pageSize());
    }

    /** Whether more repositories match than the lists hold: then the count reads "100+". */
    public boolean isCapped() {
        return total >= SearchSql.CANDIDATES;
    }

    public boolean hasPrevious() {
        return query.page() > 1;
    }

    public boolean hasNext() {
        return query.page() < pages();
    }
}
