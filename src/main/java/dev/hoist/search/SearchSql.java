package dev.hoist.search;

import dev.hoist.access.ReadableRepositories;
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
 * <li>a probe for up to {@link #PROBE_LIMIT} names and descriptions matching the words, through the GIN
 * indexes: fewer means that is all there is (a rare word, a typo, a full name, two words that
 * rarely meet), its most popular are the candidates, and 3 and 4 are skipped. The index part
 * of a probe costs the same whatever its limit, so it reads them all rather than stop at a
 * page's worth and make 3 and 4 scan the same indexes again;
 * <li>names containing the words, and names, namespaces and descriptions matching them as text,
 * tested while reading the {@value #WINDOW} most popular repositories from the covering index
 * {@code repositories_popularity} alone (a common word stops early);
 * <li>the same through the GIN indexes, when that window held too few; with a filter (official,
 * verified, one namespace), 2 to 4 are one query through the indexes;
 * <li>README text, when all that fills less than a page: probed the same way, then in a window
 * of the {@value #FALLBACK_WINDOW} most popular.
 * </ol>
 * A search that finds nothing is tried again with its words corrected ({@link #closestWords}).
 * No source walks an order without a bound, so a misjudged word costs milliseconds, not seconds.
 * Only the candidates are then ranked: exact names first, then text relevance and name
 * closeness weighted by popularity. Public so that bench/search can EXPLAIN the very SQL the
 * page runs.
 */
public final class SearchSql {

    /** The most candidates a source contributes: results go about four pages deep, then words narrow them. */
    static final int CANDIDATES = 100;

    /** How many of the most popular repositories are read from the covering index before asking GIN. */
    static final int WINDOW = 20_000;

    /** The same for READMEs, read from the table rather than from an index. */
    static final int FALLBACK_WINDOW = 4_000;

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
    public record Scope(String sql, Map<String, Object> params, boolean narrowed, boolean rare) {

        /**
         * @param rare whether the words may match few names and descriptions (the planner expects
         *     fewer than {@link #RARE}): the probe then goes first. For a word it expects to be
         *     common, the probe would be a scan stopping at its hundredth match, which costs more
         *     than it saves when the matches turn out sparse, so the window goes first, as before.
         */
        public Scope withRare(boolean rare) {
            return new Scope(sql, params, narrowed, rare);
        }

        public static Scope of(ReadableRepositories.Filter visibility, SearchQuery query, long library, List<Long> verified,
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
            return new Scope(sql.toString(), params, query.hasFilters(), true);
        }
    }

    private static final String TSQUERY = "websearch_to_tsquery('english', :text)";

    /** What a result shows, in the order {@code ranked} gives, each row with the number of hits. */
    private static final String SHOW = """
            SELECT r.id, r.full_name, r.name, r.short_description, r.star_count, r.pull_count,
                   coalesce(r.last_pushed_at, r.updated_at) AS updated, r.private,
                   r.namespace_id = :library AS official,
                   coalesce(o.verified_publisher, false) AND r.namespace_id <> :library AS verified,
                   ranked.total, ranked.exactness, ranked.relevance
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
        return new Statement(hits(query, scope, false) + ranked(exactness(query), relevance(query), query.sort()) + SHOW
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
        return new Statement(hits(query, scope, true) + ranked(exactness(query), nameCloseness(query), Sort.BEST) + SHOW
                + "WHERE ranked.position <= :limit\nORDER BY ranked.position", params);
    }

    /**
     * The private repositories in {@code readable} (ids the reader may read, see
     * {@link ReadableRepositories#readablePrivate}) that match, ranked as {@link #page} or {@link #suggest}
     * rank (the same columns), at most {@link #CANDIDATES}: what a signed-in reader's results add
     * to the public ones everyone gets. Its cost follows the reader's private repositories, not the table.
     */
    static Statement readable(SearchQuery query, Scope scope, ReadableRepositories.Filter readable, boolean namesOnly) {
        Map<String, Object> params = params(query, scope);
        params.putAll(readable.params());
        params.put("limit", namesOnly ? SUGGESTIONS : CANDIDATES);
        String match = "TRUE";
        if (query.hasText()) {
            String column = "r." + nameColumn(query);
            match = namesOnly ? column + " LIKE :pattern"
                    : wholeWordsOnly(query) ? "r.search_vector @@ " + TSQUERY
                    : column + " LIKE :pattern OR r.search_vector @@ " + TSQUERY;
        }
        Sort sort = namesOnly ? Sort.BEST : query.sort();
        String hits = "WITH readable AS MATERIALIZED (" + readable.sql() + "),\nhits AS MATERIALIZED (\n  SELECT r.id FROM readable"
                + " JOIN repositories r ON r.id = readable.id WHERE (" + match + ") AND (" + scope.sql() + ") ORDER BY "
                + sort.sql + " LIMIT " + CANDIDATES + "\n)\n";
        String ranked = namesOnly ? ranked(exactness(query), nameCloseness(query), Sort.BEST)
                : ranked(exactness(query), relevance(query), sort);
        return new Statement(hits + ranked + SHOW + "WHERE ranked.position <= :limit\nORDER BY ranked.position", params);
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

    /**
     * The CTE {@code hits}: the ids of every candidate. READMEs, and names and descriptions
     * when the planner expects them to be rare ({@link Scope#rare}), are first probed for as many
     * as the next source would give ({@link #probe}): when the probe finds fewer, it found them
     * all (a typo, an official name, a full name), and the windows, which would read thousands
     * of rows to find those few, are skipped.
     */
    private static String hits(SearchQuery query, Scope scope, boolean namesOnly) {
        if (!query.hasText()) {
            return "WITH hits AS MATERIALIZED (" + select("TRUE", scope, query.sort(), CANDIDATES) + ")\n";
        }
        String column = "r." + nameColumn(query);
        String match = titleMatch(query, namesOnly);
        int enough = namesOnly ? SUGGESTIONS : query.pageSize();
        StringBuilder sql = new StringBuilder("WITH ");
        boolean probed = !scope.narrowed() && scope.rare();
        if (scope.narrowed()) {
            sql.append("titles AS MATERIALIZED (\n  ").append(indexed(match, scope, "", CANDIDATES));
        } else if (!probed) {
            sql.append("titles AS MATERIALIZED (\n  ").append(window(match, column + ", r.title_vector", scope, "", WINDOW, CANDIDATES));
        } else {
            sql.append("probe AS MATERIALIZED (\n  ").append(probe(match, scope, "", PROBE_LIMIT))
                    .append("\n), titles AS MATERIALIZED (\n  ")
                    .append(window(match, column + ", r.title_vector", scope, atLeast(PROBE_LIMIT, "probe"), WINDOW, CANDIDATES));
        }
        sql.append("\n), base AS MATERIALIZED (\n  SELECT id FROM titles\n")
                .append("  UNION (").append(select("r.full_name IN (:term, :official_name)", scope, null, 0)).append(")\n")
                .append("  UNION (").append(select("r.name = :term", scope, Sort.BEST, CANDIDATES)).append(")\n");
        if (probed) {
            // Fewer than PROBE_LIMIT: the probe holds every match, so the most popular of them are the
            // candidates, and neither the window nor a second pass over the indexes runs.
            sql.append("  UNION (SELECT id FROM probe WHERE ").append(count("probe")).append(" < ").append(PROBE_LIMIT)
                    .append(" ORDER BY popularity DESC, id LIMIT ").append(CANDIDATES).append(")\n")
                    .append("  UNION (").append(indexed(match, scope, atLeast(PROBE_LIMIT, "probe") + fewer(CANDIDATES, "titles"),
                            CANDIDATES)).append(")\n");
        } else if (!scope.narrowed()) {
            sql.append("  UNION (").append(indexed(match, scope, fewer(CANDIDATES, "titles"), CANDIDATES)).append(")\n");
        }
        sql.append(")");
        String found = "base";
        if (!namesOnly) {
            // READMEs fill in when names and descriptions do not fill a page.
            String readme = "r.search_vector @@ " + TSQUERY;
            String more = scope.narrowed() ? indexed(readme, scope, fewer(enough, "base") + atLeast(enough, "readme_probe"), enough)
                    : window(readme, "r.search_vector", scope, fewer(enough, "base") + atLeast(enough, "readme_probe"),
                            FALLBACK_WINDOW, enough);
            sql.append(", readme_probe AS MATERIALIZED (\n  ").append(probe(readme, scope, fewer(enough, "base"), enough))
                    .append("\n), readme AS MATERIALIZED (\n  ").append(more)
                    .append("\n), more AS MATERIALIZED (\n  SELECT id FROM base UNION SELECT id FROM readme\n")
                    .append("  UNION SELECT id FROM readme_probe WHERE ").append(count("readme_probe")).append(" < ")
                    .append(enough).append("\n)");
            found = "more";
        }
        return sql.append(", hits AS MATERIALIZED (SELECT id FROM ").append(found).append(")\n").toString();
    }

    /** Names (and for a search, descriptions) matching the words, on alias {@code r}. */
    private static String titleMatch(SearchQuery query, boolean namesOnly) {
        String column = "r." + nameColumn(query);
        return namesOnly ? column + " LIKE :pattern"
                : wholeWordsOnly(query) ? "r.title_vector @@ " + TSQUERY
                : column + " LIKE :pattern OR r.title_vector @@ " + TSQUERY;
    }

    /**
     * How many names and descriptions the planner expects the words to match (EXPLAIN: its first
     * line ends "rows=N width=0)"): few, and the search probes for them first (see {@link Scope#rare}).
     */
    public static Statement estimate(SearchQuery query, Scope scope, boolean namesOnly) {
        return new Statement("EXPLAIN SELECT 1 FROM repositories r WHERE (" + titleMatch(query, namesOnly)
                + ") AND (" + scope.sql() + ")", params(query, scope));
    }

    /** Below this many expected matches, a search probes before it reads a window. */
    public static final int RARE = 10_000;

    private static final java.util.regex.Pattern PLAN_ROWS = java.util.regex.Pattern.compile(" rows=([0-9]+) ");

    /**
     * Whether the first line of {@link #estimate}'s plan promises few matches found through an
     * index. A sequential scan (a word of one or two letters gives the trigram index nothing)
     * would make the probe read the whole table looking for its limit, so it never counts as rare.
     */
    public static boolean expectsFew(SearchQuery query, String firstPlanLine) {
        return everyWordHasATrigram(query) && expectsFew(firstPlanLine);
    }

    /**
     * A word of one or two letters ("bn") has no trigram, so the trigram index returns every
     * name for a recheck: a probe would read the whole index, however few rows it expects.
     */
    static boolean everyWordHasATrigram(SearchQuery query) {
        return java.util.Arrays.stream(query.term().split("[ /]")).allMatch(word -> word.length() >= 3);
    }

    static boolean expectsFew(String firstPlanLine) {
        java.util.regex.Matcher rows = PLAN_ROWS.matcher(firstPlanLine);
        return !firstPlanLine.contains("Seq Scan") && rows.find() && Long.parseLong(rows.group(1)) < RARE;
    }

    /**
     * How many matches a probe reads at most. Planner estimates of text matches are often several
     * times off, and a few thousand heap rows (a few milliseconds) cost less than the window and
     * second index pass that a probe stopped short would need.
     */
    static final int PROBE_LIMIT = 10_000;

    /**
     * Up to {@code limit} matches in no order: through the GIN indexes for a word the planner
     * expects to be rare (a few index entries and heap rows), or a scan that stops at
     * {@code limit} for a common one. Fewer than {@code limit} means these are all there are.
     */
    private static String probe(String match, Scope scope, String gate, int limit) {
        return "SELECT r.id, r.popularity FROM repositories r WHERE " + gate + "(" + match + ") AND (" + scope.sql()
                + ") LIMIT " + limit;
    }

    /** How many words {@link #closestWords} offers: the closest ones are rarely all private. */
    static final int CORRECTION_CANDIDATES = 3;

    /**
     * The words of repository names closest to {@code word} (itself first if it is one), if any are
     * close (pg_trgm). search_words holds the words of every name, private ones included: a
     * correction must pass {@link #publicWord} before anyone sees it.
     */
    static Statement closestWords(String word) {
        return new Statement("SELECT word FROM search_words WHERE word = :word OR word % :word"
                + " ORDER BY word = :word DESC, similarity(word, :word) DESC, word LIMIT " + CORRECTION_CANDIDATES,
                Map.of("word", word));
    }

    /**
     * Whether {@code word} (letters and digits, as search_words holds them) is a whole word of the
     * name of a public repository: the trigram index finds the names holding it, the pattern
     * checks it stands alone ("secret" in "secret-plans", not in "secrets").
     */
    static Statement publicWord(String word) {
        return new Statement("SELECT EXISTS (SELECT 1 FROM repositories r WHERE r.name LIKE :contains"
                + " AND r.name ~ :whole AND NOT r.private AND " + ReadableRepositories.LIVE + ")",
                Map.of("contains", "%" + word + "%", "whole", "(^|[^a-z0-9])" + word + "([^a-z0-9]|$)"));
    }

    /**
     * Matches among the {@code size} most popular repositories in scope, read in popularity order
     * (from the covering index when {@code columns} are in it): the work is bounded whatever the words.
     */
    private static String window(String match, String columns, Scope scope, String gate, int size, int limit) {
        return "SELECT id FROM (SELECT r.id, " + columns + " FROM repositories r WHERE " + gate + "(" + scope.sql()
                + ") ORDER BY " + Sort.BEST.sql + " LIMIT " + size + ") r WHERE (" + match + ") LIMIT " + limit;
    }

    /**
     * Matches through the words' own index, for words too rare for the window. "+ 0" makes the
     * database sort those few by popularity rather than walk the popularity order looking for
     * them, a walk that has no bound when the planner expects more matches than there are.
     */
    private static String indexed(String match, Scope scope, String gate, int limit) {
        return "SELECT r.id FROM repositories r WHERE " + gate + "(" + match + ") AND (" + scope.sql()
                + ") ORDER BY r.popularity + 0 DESC, r.id LIMIT " + limit;
    }

    /** True when the CTEs found fewer than {@code n} between them: PostgreSQL then skips the source without running it. */
    private static String fewer(int n, String... ctes) {
        return count(ctes) + " < " + n + " AND ";
    }

    /** True when the CTE found {@code n} (its limit): the source runs only then. */
    private static String atLeast(int n, String cte) {
        return count(cte) + " >= " + n + " AND ";
    }

    private static String count(String... ctes) {
        StringBuilder sql = new StringBuilder("(");
        for (String cte : ctes) {
            sql.append(sql.length() > 1 ? " + " : "").append("(SELECT count(*) FROM ").append(cte).append(")");
        }
        return sql.append(")").toString();
    }

    private static String select(String match, Scope scope, Sort sort, int limit) {
        return "SELECT r.id FROM repositories r WHERE (" + match + ") AND (" + scope.sql() + ")"
                + (sort == null ? "" : " ORDER BY " + sort.sql + " LIMIT " + limit);
    }

    /**
     * Orders the candidates; a deleted namespace's repositories are dropped here, once, rather
     * than in every source. The best match is by {@code exactness}, then {@code relevance}, then
     * id; both are returned so that {@link MergedResults} can merge two lists in the same order.
     */
    private static String ranked(String exactness, String relevance, Sort sort) {
        String order = sort == Sort.BEST ? exactness + " DESC, " + relevance + " DESC, r.id" : sort.sql;
        return ", ranked AS (\n  SELECT r.id, count(*) OVER () AS total, " + exactness + " AS exactness, " + relevance
                + " AS relevance, row_number() OVER (ORDER BY " + order + ") AS position\n"
                + "  FROM hits JOIN repositories r ON r.id = hits.id\n  WHERE " + ReadableRepositories.LIVE + "\n)\n";
    }

    /** 2: the very image ("postgres" is library/postgres); 1: the same name in another namespace. */
    private static String exactness(SearchQuery query) {
        return query.hasText() ? "CASE WHEN r.full_name IN (:term, :official_name) THEN 2 WHEN r.name = :term THEN 1 ELSE 0 END"
                : "0";
    }

    /**
     * Relevance weighted by popularity: the text rank (name A, description B, README C), how
     * closely a word of the name matches, and how close the whole name is (so that "postgress"
     * prefers postgres to postgres-exporter). Without words, popularity alone.
     */
    private static String relevance(SearchQuery query) {
        if (!query.hasText()) {
            return "r.popularity";
        }
        String column = nameColumn(query);
        return "(ts_rank(r.search_vector, " + TSQUERY + ") + word_similarity(:term, r." + column
                + ") + similarity(:term, r." + column + ")) * (1 + r.popularity / 4)";
    }

    /** For suggestions: names only. */
    private static String nameCloseness(SearchQuery query) {
        String column = nameColumn(query);
        return "(word_similarity(:term, r." + column + ") + similarity(:term, r." + column + ")) * (1 + r.popularity / 4)";
    }

    /**
     * Several words, one shorter than three letters ("rails ha"): matched as words only. Such a
     * word gives the trigram index nothing to narrow with, so "%rails%ha%" would recheck every
     * name holding "rails" (thousands) to find, besides the names the words match anyway,
     * mostly noise such as rails-chat.
     */
    private static boolean wholeWordsOnly(SearchQuery query) {
        String[] words = query.term().split(" ");
        return words.length > 1 && java.util.Arrays.stream(words).anyMatch(w -> w.length() < 3);
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
