package dev.hoist.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A signed-in reader's results: the public results everyone gets (shared, and usually cached)
 * with the private repositories they may read slotted in, in the very order one query over both
 * would give (the same columns, see SearchSql.ranked). Public and private hits never overlap.
 */
final class MergedResults {

    private MergedResults() {
    }

    /** The order of {@code sort}, as SearchSql sorts the ranked candidates. */
    static Comparator<Hit> order(Sort sort) {
        Comparator<Hit> byId = Comparator.comparingLong(Hit::id);
        return switch (sort) {
            case BEST -> Comparator.comparingInt(Hit::exactness).reversed()
                    .thenComparing(Comparator.comparingDouble(Hit::relevance).reversed()).thenComparing(byId);
            case STARS -> Comparator.comparingInt(Hit::starCount).reversed()
                    .thenComparing(Comparator.comparingLong(Hit::pullCount).reversed()).thenComparing(byId);
            case PULLS -> Comparator.comparingLong(Hit::pullCount).reversed().thenComparing(byId);
            case UPDATED -> Comparator.comparing(Hit::lastUpdated).reversed().thenComparing(byId);
        };
    }

    /**
     * Page {@code query.page()} of the merged list.
     *
     * <p>Its positions are (start, end]. At most {@code mine.size()} private hits come before any
     * of them, so the public hits needed start at public position {@code start - mine.size()}: the
     * public pages from there to this one. Sorting those with every private hit gives each its
     * merged position, {@code before} (the public hits of earlier pages) plus its index: exact for
     * every hit on this page (a private hit ahead of all loaded public ones lands at or before
     * {@code start}, and so does its true position).
     *
     * @param mine every private match, at most SearchSql.CANDIDATES, in any order
     * @param publicPage the public results of a page of the same search
     */
    static Results page(SearchQuery query, List<Hit> mine, IntFunction<Results> publicPage) {
        int size = query.pageSize();
        int end = query.page() * size;
        int start = end - size;
        int firstPage = Math.max(0, start - mine.size()) / size + 1;
        List<Hit> all = new ArrayList<>(mine);
        long publicTotal = 0;
        for (int page = firstPage; page <= query.page(); page++) {
            Results found = publicPage.apply(page);
            publicTotal = found.total();
            all.addAll(found.hits());
            if (found.hits().size() < size) {
                break;
            }
        }
        all.sort(order(query.sort()));
        int before = (firstPage - 1) * size;
        int from = Math.min(all.size(), start - before);
        int to = Math.min(all.size(), end - before);
        return new Results(query, List.copyOf(all.subList(from, to)), publicTotal + mine.size());
    }

    /** The best {@code limit} suggestions of both lists. */
    static List<Hit> suggestions(List<Hit> everyone, List<Hit> mine, int limit) {
        List<Hit> all = new ArrayList<>(everyone);
        all.addAll(mine);
        all.sort(order(Sort.BEST));
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }
}
