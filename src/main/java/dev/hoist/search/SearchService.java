package dev.hoist.search;

import dev.hoist.access.ReadableRepositories;
import dev.hoist.model.Account;
import dev.hoist.model.Namespace;
import dev.hoist.model.Organization;
import dev.hoist.platform.SqlTimes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Searches repositories for one caller, showing only what they may read (see {@link ReadableRepositories}). */
@ApplicationScoped
public class SearchService {

    @Inject
    EntityManager em;

    @Inject
    ReadableRepositories visibility;

    @Inject
    SearchCache cache;

    private static final Pattern WORD = Pattern.compile("[a-z0-9]+");

    private volatile Long libraryId;

    /**
     * One page of results. A search that finds nothing is tried again with its words corrected
     * ("potsgres" → "postgres"), and the correction is shown only if it finds something.
     */
    public Results search(Account who, SearchQuery query) {
        if (query.isBlank()) {
            return Results.none(query);
        }
        Results results = cached(who, query);
        if (results.total() == 0 && query.page() == 1) {
            Optional<String> corrected = correction(query.text());
            if (corrected.isPresent()) {
                Results retried = cached(who, query.withText(corrected.get()));
                if (retried.total() > 0) {
                    return retried.asCorrectionOf(query.text());
                }
            }
        }
        return results;
    }

    /**
     * Public results are shared: everyone gets the same. A signed-in reader's add the private
     * repositories they may read that match, cached per reader; site administrators, who read
     * everything, search directly.
     */
    private Results cached(Account who, SearchQuery query) {
        if (who == null) {
            return everyone(query, cache.generation());
        }
        if (visibility.readsEverything(who)) {
            return QuarkusTransaction.joiningExisting().call(() -> find(who, query));
        }
        // One generation for both lists (and every public page a merge reads): one check, one consistent view.
        long generation = cache.generation();
        List<Hit> mine = readable(who, query, false, generation);
        return mine.isEmpty() ? everyone(query, generation)
                : MergedResults.page(query, mine, page -> everyone(query.atPage(page), generation));
    }

    private Results everyone(SearchQuery query, long generation) {
        SearchCache.Key key = new SearchCache.Key("page", query);
        Results cached = cache.get(key, generation);
        if (cached == null) {
            cached = QuarkusTransaction.joiningExisting().call(() -> find(null, query));
            cache.put(key, generation, cached);
        }
        return cached;
    }

    /** The private repositories {@code who} may read that match, ranked; the same for every page of a search. */
    private List<Hit> readable(Account who, SearchQuery query, boolean namesOnly, long generation) {
        SearchQuery all = query.atPage(1);
        SearchCache.Key key = new SearchCache.Key(namesOnly ? "mine-suggest" : "mine", who.id, all);
        List<Hit> cached = cache.get(key, generation);
        if (cached == null) {
            cached = QuarkusTransaction.joiningExisting().call(() -> {
                SearchSql.Scope scope = scope(new ReadableRepositories.Filter("r.private", java.util.Map.of()), all);
                tune();
                return List.copyOf(hits(rows(SearchSql.readable(all, scope, visibility.readablePrivate(who), namesOnly))));
            });
            cache.put(key, generation, cached);
        }
        return cached;
    }

    /** Each word of at least three letters that is no word of a public name, replaced by the closest one; empty if none changes. */
    private Optional<String> correction(String text) {
        String typed = text.toLowerCase(Locale.ROOT);
        if (typed.contains("/")) {
            return Optional.empty();
        }
        // The same for everyone (public names only), so shared like public results.
        SearchCache.Key key = new SearchCache.Key("correction", SearchQuery.of(typed));
        long generation = cache.generation();
        Optional<String> cached = cache.get(key, generation);
        if (cached == null) {
            cached = QuarkusTransaction.joiningExisting().call(() -> correct(typed));
            cache.put(key, generation, cached);
        }
        return cached;
    }

    private Optional<String> correct(String typed) {
        tune();
        StringBuilder corrected = new StringBuilder();
        Matcher words = WORD.matcher(typed);
        int last = 0;
        while (words.find()) {
            String word = words.group();
            String closest = word;
            if (word.length() >= 3) {
                closest = closestPublicWord(word).orElse(word);
            }
            corrected.append(typed, last, words.start()).append(closest);
            last = words.end();
        }
        corrected.append(typed.substring(last));
        return corrected.toString().equals(typed) ? Optional.empty() : Optional.of(corrected.toString());
    }

    /**
     * Corrections come only from the names of public repositories, for everyone: a word of a
     * private name, offered as "did you mean", would tell anyone it exists.
     */
    private Optional<String> closestPublicWord(String word) {
        SearchSql.Statement candidates = SearchSql.closestWords(word);
        for (Object candidate : bind(em.createNativeQuery(candidates.sql()), candidates).getResultList()) {
            if (!WORD.matcher((String) candidate).matches()) {
                continue; // publicWord puts it in a pattern
            }
            SearchSql.Statement check = SearchSql.publicWord((String) candidate);
            if ((Boolean) bind(em.createNativeQuery(check.sql()), check).getSingleResult()) {
                return Optional.of((String) candidate);
            }
        }
        return Optional.empty();
    }

    /** One query over everything {@code who} may read, no cache: what merged results must equal (SearchReadersTest). */
    Results directly(Account who, SearchQuery query) {
        return find(who, query);
    }

    /** The same, with the probe forced first or not: both orders must find the same (SearchRankingTest). */
    Results directly(Account who, SearchQuery query, boolean probeFirst) {
        return find(who, query, probeFirst);
    }

    private Results find(Account who, SearchQuery query) {
        return find(who, query, null);
    }

    /** {@code probeFirst} null: as the planner's estimate says ({@link #rare}). */
    private Results find(Account who, SearchQuery query, Boolean probeFirst) {
        SearchSql.Scope scope = scope(who, query);
        tune();
        scope = scope.withRare(probeFirst != null ? probeFirst : rare(query, scope, false));
        List<Object[]> rows = rows(SearchSql.page(query, scope));
        if (rows.isEmpty() && query.page() > 1) {
            long total = ((Number) bind(em.createNativeQuery(SearchSql.count(query, scope).sql()),
                    SearchSql.count(query, scope)).getSingleResult()).longValue();
            return new Results(query, List.of(), total);
        }
        long total = rows.isEmpty() ? 0 : ((Number) rows.get(0)[10]).longValue();
        return new Results(query, hits(rows), total);
    }

    /** Names for the search box as someone types; for a typo, those of its correction. */
    public List<Hit> suggest(Account who, String text) {
        SearchQuery query = SearchQuery.of(text);
        if (!query.hasText()) {
            return List.of();
        }
        List<Hit> found = cachedSuggestions(who, query);
        if (found.isEmpty()) {
            Optional<String> corrected = correction(query.text());
            if (corrected.isPresent()) {
                return cachedSuggestions(who, query.withText(corrected.get()));
            }
        }
        return found;
    }

    private List<Hit> cachedSuggestions(Account who, SearchQuery query) {
        if (who != null && visibility.readsEverything(who)) {
            return QuarkusTransaction.joiningExisting().call(() -> suggestions(who, query));
        }
        SearchCache.Key key = new SearchCache.Key("suggest", query);
        long generation = cache.generation();
        List<Hit> cached = cache.get(key, generation);
        if (cached == null) {
            cached = QuarkusTransaction.joiningExisting().call(() -> suggestions(null, query));
            cache.put(key, generation, cached);
        }
        if (who == null) {
            return cached;
        }
        List<Hit> mine = readable(who, query, true, generation);
        return mine.isEmpty() ? cached : MergedResults.suggestions(cached, mine, SearchSql.SUGGESTIONS);
    }

    private List<Hit> suggestions(Account who, SearchQuery query) {
        SearchSql.Scope scope = scope(who, query);
        tune();
        scope = scope.withRare(rare(query, scope, true));
        return hits(rows(SearchSql.suggest(query, scope)));
    }

    /** Whether the planner expects the words to match few names (one EXPLAIN, a fraction of a millisecond). */
    private boolean rare(SearchQuery query, SearchSql.Scope scope, boolean namesOnly) {
        if (!query.hasText() || scope.narrowed()) {
            return false;
        }
        SearchSql.Statement statement = SearchSql.estimate(query, scope, namesOnly);
        List<?> plan = bind(em.createNativeQuery(statement.sql()), statement).getResultList();
        return !plan.isEmpty() && SearchSql.expectsFew(query, String.valueOf(plan.get(0)));
    }

    private SearchSql.Scope scope(Account who, SearchQuery query) {
        return scope(visibility.of(who), query);
    }

    private SearchSql.Scope scope(ReadableRepositories.Filter readable, SearchQuery query) {
        List<Long> verified = query.verified() ? longs(em.createNativeQuery(
                "SELECT namespace_id FROM organizations WHERE verified_publisher").getResultList()) : List.of();
        Long namespace = query.namespace().isEmpty() ? null
                : Namespace.findActive(query.namespace()).map(n -> n.id).orElse(null);
        return SearchSql.Scope.of(readable, query, library(), verified, namespace);
    }

    /**
     * Each search is planned for its own words (a generic plan cannot tell a rare word from a
     * common one), corrections reach two typos in a short word, neither JIT compilation nor
     * parallel workers (milliseconds each to start, even for a source that turns out skipped) pay
     * off for a query this short, and a pathological search cannot hold a connection long.
     */
    private void tune() {
        em.createNativeQuery("SELECT set_config('plan_cache_mode', 'force_custom_plan', true),"
                + " set_config('pg_trgm.similarity_threshold', '0.25', true),"
                + " set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true),"
                + " set_config('statement_timeout', '5s', true)").getSingleResult();
    }

    private long library() {
        if (libraryId == null) {
            libraryId = Namespace.findActive(Organization.LIBRARY).map(n -> n.id).orElse(-1L);
        }
        return libraryId;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(SearchSql.Statement statement) {
        return bind(em.createNativeQuery(statement.sql()), statement).getResultList();
    }

    private static Query bind(Query query, SearchSql.Statement statement) {
        statement.params().forEach(query::setParameter);
        return query;
    }

    private static List<Hit> hits(List<Object[]> rows) {
        List<Hit> hits = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            hits.add(new Hit(((Number) row[0]).longValue(), (String) row[1], (String) row[2], (String) row[3],
                    ((Number) row[4]).intValue(), ((Number) row[5]).longValue(), SqlTimes.instant(row[6]), (Boolean) row[7],
                    (Boolean) row[8], (Boolean) row[9], ((Number) row[11]).intValue(), ((Number) row[12]).doubleValue()));
        }
        return hits;
    }

    private static List<Long> longs(List<?> values) {
        return values.stream().map(v -> ((Number) v).longValue()).toList();
    }
}
