package dev.hoist.search;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of a search, shaped so that its cost does not grow with the number of repositories.
 *
 * <p>Candidates come from cheap sources first and from dearer ones only when those found too
 * few, each source stopping at {@link #CANDIDATES} in popularity order:
 * <ol>
 * <li>exact names ("postgres", "library/postgres");
 * <li>names containing the words, and names, namespaces and descriptions matching them as text,
 * tested while reading the {@value #WINDOW} most popular repositories from the covering index
 * {@code repositories_popularity} alone (a common word stops early);
 * <li>the same through the GIN indexes, when that window held too few (a rare word);
 * <li>README text, when all that fills less than a page;
 * <li>names within a typo or two (pg_trgm), when that still fills less than a page.
 * </ol>
 * Only the candidates are then ranked: exact names first, then text relevance and name
 * closeness weighted by popularity. Public so that bench/search can EXPLAIN the very SQL the page runs.
 */
public final class SearchSql {

    /** The most candidates a source contributes: results go about four pages deep, then words narrow them. */
    static final int CANDIDATES = 100;

    /** How many of the most popular repositories are read from the covering index before asking GIN. */
    static final int WINDOW = 20_000;

    static final int SUGGESTIONS = 8;

    /** SQL with named parameters, as Hibernate's native queries take them: only those the SQL uses. */
    public record Statement(String sql, Map<String, Object> params) {

        public Statement {
            Map<String, Object> used = new HashMap<>();
            params.forEach((name, value) -> {
                if (java.util.regex.Pattern.compile(":" + name + "(?![A-Za-z0-9_])").matcher(sql).find()) {
                    used.put(name, value);
                }
            });
            params = Map.copyOf(used);
        }
    }

    /**
     * What every hit must satisfy (who may read it and the filters), on alias {@code r}.
     *
     * @param narrowed whether a filter (official, verified, one namespace) narrows the search
     */
    public record Scope(String sql, Map<String, Object> params, boolean narrowed) {

        public static Scope of(Visibility.Filter visibility, SearchQuery query, long library, List<Long> verified,
                Long namespace) {
            StringBuilder sql = new StringBuilder(visibility.sql());
            Map<String, Object> params = new HashMap<>(visibility.params());
            params.put("library", library);
            if (query.official()) {
                sql.append(" AND r.namespace_id = :library");
            }
            if (query.verified()) {
                sql.append(verified.isEmpty() ? " AND FALSE" : " AND r.namespace_id IN (:verified) AND r.namespace_id <> :library");
                if (!verified.isEmpty()) {
                    params.put("verified", verified);
                }
            }
            if (!query.namespace().isEmpty()) {
                sql.append(namespace == null ? " AND FALSE" : " AND r.namespace_id = :namespace");
                if (namespace != null) {
                    params.put("namespace", namespace);
                }
            }
            return new Scope(sql.toString(), params, query.hasFilters());
        }
    }

    private static final String TSQUERY = "websearch_to_tsquery('english', :text)";

    /** What a result shows, in the order {@code ranked} gives, each row with the number of hits. */
    private static final String SHOW = """
            SELECT r.id, r.full_name, r.name, r.short_description, r.star_count, r.pull_count,
                   coalesce(r.last_pushed_at, r.updated_at) AS updated, r.private,
                   r.namespace_id = :library AS official,
                   coalesce(o.verified_publisher, false) AND r.namespace_id <> :library AS verified,
                   ranked.total
            FROM ranked
            JOIN repositories r ON r.id = ranked.id
            LEFT JOIN organizations o ON o.namespace_id = r.namespace_id
            """;

    private SearchSql() {
    }

    public static Statement page(SearchQuery query, Scope scope) {
        Map<String, Object> params = params(query, scope);
        params.put("offset", (query.page() - 1) * query.pageSize());
        params.put("limit", query.pageSize());
        return new Statement(hits(query, scope, false) + ranked(order(query)) + SHOW
                + "WHERE ranked.position > :offset AND ranked.position <= :offset + :limit\nORDER BY ranked.position", params);
    }

    /** How many hits, for a page past the last one (which has no row to carry the total). */
    static Statement count(SearchQuery query, Scope scope) {
        return new Statement(hits(query, scope, false) + "SELECT count(*) FROM hits", params(query, scope));
    }

    /** A few names for the search box: names only (no descriptions or READMEs), best first. */
    static Statement suggest(SearchQuery query, Scope scope) {
        Map<String, Object> params = params(query, scope);
        params.put("limit", SUGGESTIONS);
        String column = nameColumn(query);
        return new Statement(hits(query, scope, true) + ranked(exactness() + " DESC, (word_similarity(:term, r." + column
                + ") + similarity(:term, r." + column + ")) * (1 + r.popularity / 4) DESC, r.id") + SHOW
                + "WHERE ranked.position <= :limit\nORDER BY ranked.position", params);
    }

    private static Map<String, Object> params(SearchQuery query, Scope scope) {
        Map<String, Object> params = new HashMap<>(scope.params());
        if (query.hasText()) {
            // "bitnami/redis" as words: both must match (namespace B, name A).
            params.put("text", query.text().replace('/', ' '));
            params.put("term", query.term());
            params.put("official_name", "library/" + query.term());
            params.put("pattern", likePattern(query.term()));
        }
        return params;
    }

    /** The CTE {@code hits}: the ids of every candidate. */
    private static String hits(SearchQuery query, Scope scope, boolean namesOnly) {
        if (!query.hasText()) {
            return "WITH hits AS MATERIALIZED (" + select("TRUE", scope, query.sort(), CANDIDATES) + ")\n";
        }
        boolean fullName = isFullName(query);
        String column = fullName ? "full_name" : "name";
        String match = "r." + column + " LIKE :pattern" + (namesOnly ? "" : " OR r.title_vector @@ " + TSQUERY);
        int enough = namesOnly ? SUGGESTIONS : query.pageSize();
        StringBuilder sql = new StringBuilder("WITH matches AS MATERIALIZED (\n");
        if (scope.narrowed()) {
            // A filter narrows the field already: the planner weighs the filter's index against the words'.
            sql.append("  ").append(select(match, scope, Sort.BEST, CANDIDATES)).append("\n");
        } else {
            sql.append("  SELECT id FROM (SELECT r.id, r.").append(column).append(", r.title_vector FROM repositories r WHERE ")
                    .append("(").append(scope.sql()).append(")").append(" ORDER BY ").append(Sort.BEST.sql).append(" LIMIT ").append(WINDOW)
                    .append(") r\n  WHERE (").append(match).append(") LIMIT ").append(CANDIDATES).append("\n");
        }
        sql.append("), base AS MATERIALIZED (\n")
                .append("  SELECT id FROM matches\n")
                .append("  UNION (").append(select("r.full_name IN (:term, :official_name)", scope, null, 0)).append(")\n")
                .append("  UNION (").append(select("r.name = :term", scope, Sort.BEST, CANDIDATES)).append(")\n");
        if (!scope.narrowed()) {
            sql.append("  UNION (").append(select(fewer("matches", CANDIDATES) + " AND (" + match + ")", scope, Sort.BEST,
                    CANDIDATES)).append(")\n");
        }
        // READMEs and typos fill in when a page is not full; a page's worth keeps their cost small.
        sql.append("), more AS MATERIALIZED (\n  SELECT id FROM base\n");
        if (!namesOnly) {
            sql.append("  UNION (").append(select(fewer("base", enough) + " AND r.search_vector @@ " + TSQUERY, scope,
                    Sort.BEST, enough)).append(")\n");
        }
        sql.append("), hits AS MATERIALIZED (\n  SELECT id FROM more\n");
        // Fewer than three letters make too few trigrams to mean anything; a full name is typed, not guessed.
        if (query.term().length() >= 3 && !fullName) {
            sql.append("  UNION (").append(select(fewer("more", enough) + " AND :term <% r.name", scope, Sort.BEST,
                    enough)).append(")\n");
        }
        return sql.append(")\n").toString();
    }

    /** True when {@code cte} found fewer than {@code n}: PostgreSQL then skips the source without running it. */
    private static String fewer(String cte, int n) {
        return "(SELECT count(*) FROM " + cte + ") < " + n;
    }

    private static String select(String match, Scope scope, Sort sort, int limit) {
        return "SELECT r.id FROM repositories r WHERE (" + match + ") AND (" + scope.sql() + ")"
                + (sort == null ? "" : " ORDER BY " + sort.sql + " LIMIT " + limit);
    }

    /** Orders the candidates; a deleted namespace's repositories are dropped here, once, rather than in every source. */
    private static String ranked(String order) {
        return ", ranked AS (\n  SELECT r.id, count(*) OVER () AS total, row_number() OVER (ORDER BY " + order
                + ") AS position\n  FROM hits JOIN repositories r ON r.id = hits.id\n  WHERE " + Visibility.LIVE + "\n)\n";
    }

    /** 2: the very image ("postgres" is library/postgres); 1: the same name in another namespace. */
    private static String exactness() {
        return "CASE WHEN r.full_name IN (:term, :official_name) THEN 2 WHEN r.name = :term THEN 1 ELSE 0 END";
    }

    /**
     * Exact names first, then relevance weighted by popularity: the text rank (name A, description
     * B, README C), how closely a word of the name matches, and how close the whole name is (so
     * that "postgress" prefers postgres to postgres-exporter).
     */
    private static String order(SearchQuery query) {
        if (!query.hasText() || query.sort() != Sort.BEST) {
            return query.sort().sql;
        }
        String column = nameColumn(query);
        return exactness() + " DESC, (ts_rank(r.search_vector, " + TSQUERY + ") + word_similarity(:term, r." + column
                + ") + similarity(:term, r." + column + ")) * (1 + r.popularity / 4) DESC, r.id";
    }

    /** "bitnami/redis" is compared with full names, "redis" with names. */
    private static String nameColumn(SearchQuery query) {
        return isFullName(query) ? "full_name" : "name";
    }

    private static boolean isFullName(SearchQuery query) {
        return query.term().contains("/");
    }

    /**
     * "redis cache" becomes {@code %redis%cache%}: names holding the words in that order. A full
     * name, "bitnami/red", is typed from its start: {@code bitnami/red%}, a range of an index.
     */
    static String likePattern(String term) {
        String escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        String words = String.join("%", escaped.split(" "));
        return term.contains("/") ? words + "%" : "%" + words + "%";
    }
}
