package dev.hoist.search;

import dev.hoist.account.Account;
import dev.hoist.namespace.Namespace;
import dev.hoist.org.Organization;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Searches repositories for one caller, showing only what they may read (see {@link Visibility}). */
@ApplicationScoped
public class SearchService {

    @Inject
    EntityManager em;

    @Inject
    Visibility visibility;

    @Inject
    SearchCache cache;

    private volatile Long libraryId;

    @Transactional
    public Results search(Account who, SearchQuery query) {
        if (query.isBlank()) {
            return Results.none(query);
        }
        if (who != null) {
            return find(who, query);
        }
        // Only anonymous results are shared: everyone sees the same, and a signed-in person's depend on their teams.
        SearchCache.Key key = new SearchCache.Key("page", query);
        long generation = generation();
        Results cached = cache.get(key, generation);
        if (cached == null) {
            cached = find(null, query);
            cache.put(key, generation, cached);
        }
        return cached;
    }

    private Results find(Account who, SearchQuery query) {
        SearchSql.Scope scope = scope(who, query);
        tune();
        List<Object[]> rows = rows(SearchSql.page(query, scope));
        if (rows.isEmpty() && query.page() > 1) {
            long total = ((Number) bind(em.createNativeQuery(SearchSql.count(query, scope).sql()),
                    SearchSql.count(query, scope)).getSingleResult()).longValue();
            return new Results(query, List.of(), total);
        }
        long total = rows.isEmpty() ? 0 : ((Number) rows.get(0)[10]).longValue();
        return new Results(query, hits(rows), total);
    }

    /** Names for the search box as someone types. */
    @Transactional
    public List<Hit> suggest(Account who, String text) {
        SearchQuery query = SearchQuery.of(text);
        if (!query.hasText()) {
            return List.of();
        }
        if (who != null) {
            return suggestions(who, query);
        }
        SearchCache.Key key = new SearchCache.Key("suggest", query);
        long generation = generation();
        List<Hit> cached = cache.get(key, generation);
        if (cached == null) {
            cached = suggestions(null, query);
            cache.put(key, generation, cached);
        }
        return cached;
    }

    private List<Hit> suggestions(Account who, SearchQuery query) {
        SearchSql.Scope scope = scope(who, query);
        tune();
        return hits(rows(SearchSql.suggest(query, scope)));
    }

    /** Moves with every change that could alter an anonymous search (V4__search.sql). */
    private long generation() {
        return ((Number) em.createNativeQuery("SELECT value FROM search_generation").getSingleResult()).longValue();
    }

    private SearchSql.Scope scope(Account who, SearchQuery query) {
        List<Long> verified = query.verified() ? longs(em.createNativeQuery(
                "SELECT namespace_id FROM organizations WHERE verified_publisher").getResultList()) : List.of();
        Long namespace = query.namespace().isEmpty() ? null
                : Namespace.findActive(query.namespace()).map(n -> n.id).orElse(null);
        return SearchSql.Scope.of(visibility.of(who), query, library(), verified, namespace);
    }

    /**
     * Each search is planned for its own words (a generic plan cannot tell a rare word from a
     * common one), fuzzy matches reach two typos in a short name, JIT compilation (tens of
     * milliseconds) never pays off here, and a pathological search cannot hold a connection long.
     */
    private void tune() {
        em.createNativeQuery("SELECT set_config('plan_cache_mode', 'force_custom_plan', true),"
                + " set_config('pg_trgm.word_similarity_threshold', '0.5', true),"
                + " set_config('jit', 'off', true), set_config('statement_timeout', '5s', true)").getSingleResult();
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
                    ((Number) row[4]).intValue(), ((Number) row[5]).longValue(), instant(row[6]), (Boolean) row[7],
                    (Boolean) row[8], (Boolean) row[9]));
        }
        return hits;
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return (Instant) value;
    }

    private static List<Long> longs(List<?> values) {
        return values.stream().map(v -> ((Number) v).longValue()).toList();
    }
}
