import dev.hoist.access.ReadableRepositories;
import dev.hoist.search.SearchQuery;
import dev.hoist.search.SearchSql;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The measuring half of bench/search: latency of varied searches over HTTP, one at a time; the
 * lists of search and repository paths that wrk then replays; and EXPLAIN ANALYZE of the main query.
 */
public final class SearchBench {

    record Query(String kind, String path) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--base", "http://127.0.0.1:18080", "--queries", "1000",
                "--out", "target/bench"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        String base = options.get("--base");
        int count = Integer.parseInt(options.get("--queries"));
        Path out = Path.of(options.get("--out"));
        Files.createDirectories(out);
        Db db = Db.at(options.get("--jdbc"));
        if (options.containsKey("--explain")) {
            try (Connection c = db.connect()) {
                explain(c, options.get("--explain"), out.resolve("explain.txt"));
            }
            return;
        }
        try (Connection c = db.connect()) {
            System.out.printf("Data: %,d repositories (%,d private), %,d namespaces; database %s, shared_buffers %s%n",
                    Db.number(c, "SELECT count(*) FROM repositories"), Db.number(c, "SELECT count(*) FROM repositories WHERE private"),
                    Db.number(c, "SELECT count(*) FROM namespaces"),
                    Db.text(c, "SELECT pg_size_pretty(pg_database_size(current_database()))"), Db.text(c, "SHOW shared_buffers"));
            List<Query> queries = queries(c, count, new Random(7));
            Files.write(out.resolve("search-paths.txt"), queries.stream().map(Query::path).toList());
            Files.write(out.resolve("repo-paths.txt"), repoPaths(c, 1000));
            String session = signIn(base, Seed.BENCH_USER, Seed.PASSWORD);
            Files.writeString(out.resolve("session-cookie.txt"), session);
            List<Query> warmUp = queries(c, 300, new Random(99));
            List<Query> others = queries(c, 300, new Random(123));
            measure(base, warmUp, queries, others, session);
            // Searches never made before, for wrk: throughput without the cache's help.
            java.util.Set<String> used = new java.util.HashSet<>();
            for (List<Query> list : List.of(warmUp, queries, others)) {
                list.forEach(q -> used.add(q.path()));
            }
            List<Query> pool = queries(c, 3000, new Random(2024));
            Files.write(out.resolve("fresh-anonymous-paths.txt"), fresh(pool, used, 0, 30_000));
            Files.write(out.resolve("fresh-signed-in-paths.txt"), fresh(pool, used, 1, 30_000));
            explain(c, "postgres", out.resolve("explain-postgres.txt"));
            explain(c, "api", out.resolve("explain-api.txt"));
            explain(c, "buildpack-deps", out.resolve("explain-rare.txt"));
        }
    }

    /** Searches like people type them: names, typos, beginnings, phrases, full names, filters, sorts, later pages. */
    static List<Query> queries(Connection c, int count, Random random) throws SQLException {
        List<String> fullNames = column(c, "SELECT full_name FROM repositories TABLESAMPLE SYSTEM (1) REPEATABLE (7)"
                + " WHERE NOT private LIMIT 300");
        List<String> orgs = column(c, "SELECT n.name FROM namespaces n JOIN organizations o ON o.namespace_id = n.id"
                + " WHERE n.name <> 'library' ORDER BY o.id LIMIT 200");
        List<Query> queries = new ArrayList<>();
        while (queries.size() < count) {
            String tech = Words.pickSkewed(random, Words.TECH);
            int dice = random.nextInt(100);
            Query q;
            if (dice < 20) {
                q = new Query("word", search(tech, ""));
            } else if (dice < 30) {
                q = new Query("official name", search(Words.pick(random, Words.OFFICIAL), ""));
            } else if (dice < 40) {
                q = new Query("typo", search(typo(tech, random), ""));
            } else if (dice < 50) {
                q = new Query("prefix", search(tech.substring(0, Math.min(tech.length(), 3 + random.nextInt(3))), ""));
            } else if (dice < 60) {
                q = new Query("two words", search(tech + " " + Words.pick(random, Words.ROLE), ""));
            } else if (dice < 70) {
                q = new Query("full name", search(fullNames.get(random.nextInt(fullNames.size())), ""));
            } else if (dice < 75) {
                q = new Query("project word", search(Words.pick(random, Words.PROJECT), ""));
            } else if (dice < 80) {
                String[] purpose = Words.pick(random, Words.PURPOSE).split(" ");
                q = new Query("phrase", search(String.join(" ", Arrays.copyOfRange(purpose, 1, purpose.length)), ""));
            } else if (dice < 85) {
                q = new Query("browse namespace", search("", "&namespace=" + orgs.get(random.nextInt(orgs.size()))));
            } else if (dice < 90) {
                q = new Query("filter", search(tech, random.nextBoolean() ? "&official=true" : "&verified=true"));
            } else if (dice < 95) {
                q = new Query("sort", search(tech, "&sort=" + List.of("stars", "pulls", "updated").get(random.nextInt(3))));
            } else {
                q = new Query("later page", search(tech, "&page=" + (2 + random.nextInt(3))));
            }
            queries.add(q);
        }
        return queries;
    }

    private static String search(String text, String rest) {
        return "/search?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8) + rest;
    }

    /** One slip of the fingers: a letter doubled, dropped, or swapped with the next. */
    private static String typo(String word, Random random) {
        int at = 1 + random.nextInt(Math.max(1, word.length() - 2));
        return switch (random.nextInt(3)) {
            case 0 -> word.substring(0, at) + word.charAt(at) + word.substring(at);
            case 1 -> word.substring(0, at) + word.substring(at + 1);
            default -> word.substring(0, at - 1) + word.charAt(at) + word.charAt(at - 1) + word.substring(at + 1);
        };
    }

    static List<String> repoPaths(Connection c, int count) throws SQLException {
        return column(c, "SELECT CASE WHEN full_name LIKE 'library/%' THEN '/_/' || name ELSE '/r/' || full_name END"
                + " FROM repositories TABLESAMPLE SYSTEM (1) REPEATABLE (11) WHERE NOT private LIMIT " + count);
    }

    /**
     * {@code count} searches none of which was made before: the searches of {@code pool}, each
     * with its words in a different mix of capitals (Hoist keeps what was typed, so each is a
     * search of its own, and finds the same as the lowercase one); {@code parity} 0 or 1 keeps
     * two lists apart. Searches without words (browsing a namespace) are left out.
     */
    static List<String> fresh(List<Query> pool, java.util.Set<String> used, int parity, int count) {
        List<String> paths = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>(used);
        for (int variant = 1 + parity; paths.size() < count && variant < 4096; variant += 2) {
            for (Query q : pool) {
                Matcher m = Pattern.compile("q=([^&]+)").matcher(q.path());
                if (!m.find()) {
                    continue;
                }
                char[] text = m.group(1).toCharArray();
                int letter = 0;
                for (int i = 0; i < text.length; i++) {
                    if (Character.isLetter(text[i]) && (variant >> (letter++ % 12) & 1) == 1) {
                        text[i] = Character.toUpperCase(text[i]);
                    }
                }
                String path = q.path().substring(0, m.start(1)) + new String(text) + q.path().substring(m.end(1));
                if (seen.add(path)) {
                    paths.add(path);
                }
                if (paths.size() == count) {
                    break;
                }
            }
        }
        java.util.Collections.shuffle(paths, new Random(parity));
        return paths;
    }

    /**
     * Each query once, one after another, after a warm-up on other queries: the latency one person
     * sees. Results are cached (SearchCache), so the first time a search is made is reported
     * apart; signed in, the same searches share the public results and add the reader's private
     * ones, then {@code others}, never made before, show a signed-in reader's first time.
     */
    static void measure(String base, List<Query> warmUp, List<Query> queries, List<Query> others, String session)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
        for (Query q : warmUp) {
            get(http, base + q.path(), null);
        }
        Map<String, List<Double>> byKind = new TreeMap<>();
        List<Double> all = new ArrayList<>();
        List<Double> firstTime = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<Map.Entry<Double, Query>> slowest = new ArrayList<>();
        for (Query q : queries) {
            double ms = time(http, base + q.path(), null);
            all.add(ms);
            if (seen.add(q.path())) {
                firstTime.add(ms);
                byKind.computeIfAbsent(q.kind(), k -> new ArrayList<>()).add(ms);
                slowest.add(Map.entry(ms, q));
            }
        }
        System.out.printf("%nSearch page, anonymous, %d queries one at a time (ms):%n", all.size());
        System.out.println(summary("all", all));
        System.out.println(summary("first time", firstTime));
        byKind.forEach((kind, times) -> System.out.println(summary("  " + kind, times)));
        // The tail is where the goal is lost: name the searches that make it.
        slowest.sort(Map.Entry.<Double, Query>comparingByKey().reversed());
        System.out.println("  the slowest first-time searches:");
        slowest.stream().limit(12).forEach(e -> System.out.printf("    %7.1f ms  %-16s %s%n", e.getKey(), e.getValue().kind(),
                e.getValue().path()));

        List<Double> signedIn = new ArrayList<>();
        for (Query q : queries) {
            signedIn.add(time(http, base + q.path(), session));
        }
        System.out.printf("%nSearch page, signed in as %s, the same %d queries (public results shared with the pass above,"
                + " %s's private ones first time) (ms):%n%s%n", Seed.BENCH_USER, signedIn.size(), Seed.BENCH_USER,
                summary("all", signedIn));
        List<Double> signedInFresh = new ArrayList<>();
        java.util.Set<String> made = new java.util.HashSet<>();
        queries.forEach(q -> made.add(q.path()));
        warmUp.forEach(q -> made.add(q.path()));
        for (Query q : others) {
            if (made.add(q.path())) {
                signedInFresh.add(time(http, base + q.path(), session));
            }
        }
        System.out.printf("%nSearch page, signed in as %s, %d other queries, first time (nothing cached) (ms):%n%s%n",
                Seed.BENCH_USER, signedInFresh.size(), summary("all", signedInFresh));

        List<Double> api = new ArrayList<>();
        for (Query q : warmUp) {
            api.add(time(http, base + q.path().replaceFirst("^/search\\?", "/v1/search?n=25&"), null));
        }
        System.out.printf("%n/v1/search, %d other queries, first time (ms):%n%s%n", api.size(), summary("all", api));
    }

    private static double time(HttpClient http, String url, String cookie) throws Exception {
        long start = System.nanoTime();
        get(http, url, cookie);
        return (System.nanoTime() - start) / 1e6;
    }

    /** Signs in through the page, as a browser does, and returns the session cookie for wrk. */
    static String signIn(String base, String username, String password) throws Exception {
        java.net.CookieManager cookies = new java.net.CookieManager();
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
        String form = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = Pattern.compile("name=\"csrf-token\" value=\"([^\"]*)\"").matcher(form);
        if (!token.find()) {
            throw new IllegalStateException("no CSRF token on /login");
        }
        String body = "username=" + username + "&password=" + password + "&next=%2F&csrf-token="
                + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 303) {
            throw new IllegalStateException("sign-in as " + username + " answered " + response.statusCode());
        }
        return cookies.getCookieStore().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
    }

    private static void get(HttpClient http, String url, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
    }

    private static String summary(String label, List<Double> times) {
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double mean = Arrays.stream(sorted).average().orElse(0);
        return String.format(Locale.ROOT, "  %-19s n=%4d  p50 %6.1f  p95 %6.1f  p99 %6.1f  max %6.1f  mean %6.1f", label,
                sorted.length, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted[sorted.length - 1], mean);
    }

    private static double pct(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    /**
     * The page's own SQL for an anonymous search, with the planner's account of it.
     *
     * @param search the words, optionally followed by the page's parameters: {@code redis&verified=true&sort=stars}
     */
    static void explain(Connection c, String search, Path file) throws Exception {
        long library = Db.number(c, "SELECT id FROM namespaces WHERE name = 'library'");
        String[] parts = search.split("&");
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].split("=", 2);
            params.put(pair[0], pair.length > 1 ? pair[1] : "");
        }
        String text = parts[0];
        SearchQuery query = new SearchQuery(text, params.containsKey("official"), params.containsKey("verified"),
                params.getOrDefault("namespace", ""), dev.hoist.search.Sort.of(params.get("sort")),
                Integer.parseInt(params.getOrDefault("page", "1")), SearchQuery.PAGE_SIZE);
        List<Long> verified = query.verified() ? column(c, "SELECT namespace_id FROM organizations WHERE verified_publisher")
                .stream().map(Long::valueOf).toList() : List.of();
        Long namespace = query.namespace().isEmpty() ? null
                : Db.number(c, "SELECT coalesce(max(id), -1) FROM namespaces WHERE name = '" + query.namespace().replace("'", "") + "'");
        try (Statement s = c.createStatement()) {
            s.execute("SET plan_cache_mode = force_custom_plan");
            s.execute("SET pg_trgm.similarity_threshold = 0.25");
            s.execute("SET jit = off");
            s.execute("SET max_parallel_workers_per_gather = 0");
        }
        SearchSql.Scope scope = SearchSql.Scope.of(new ReadableRepositories().of(null), query, library, verified, namespace);
        if (query.hasText() && !scope.narrowed()) {
            // As SearchService decides: probe first only for words the planner expects to be rare.
            Bound estimate = bind(SearchSql.estimate(query, scope, false));
            try (PreparedStatement p = c.prepareStatement(estimate.sql())) {
                for (int i = 0; i < estimate.values().size(); i++) {
                    p.setObject(i + 1, estimate.values().get(i));
                }
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    scope = scope.withRare(SearchSql.expectsFew(query, rs.getString(1)));
                }
            }
        }
        Bound bound = bind(SearchSql.page(query, scope));
        String sql = bound.sql();
        List<Object> values = bound.values();
        StringBuilder plan = new StringBuilder();
        for (int run = 0; run < 3; run++) {
            plan.setLength(0);
            try (PreparedStatement p = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
                for (int i = 0; i < values.size(); i++) {
                    p.setObject(i + 1, values.get(i));
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        Files.writeString(file, "-- " + text + "\n" + sql + "\n\n" + plan);
        System.out.printf("%nEXPLAIN ANALYZE of the search for \"%s\" (third run; full text in %s):%n%s", text, file, plan);
    }

    /** SQL with JDBC's ? for SearchSql's named parameters, and their values in order. */
    record Bound(String sql, List<Object> values) {
    }

    private static Bound bind(SearchSql.Statement statement) {
        List<Object> values = new ArrayList<>();
        Matcher m = Pattern.compile("(?<![:\\w]):([a-z_]+)").matcher(statement.sql());
        StringBuilder sql = new StringBuilder();
        while (m.find()) {
            Object value = statement.params().get(m.group(1));
            if (value instanceof List<?> list) {
                values.addAll(list);
                m.appendReplacement(sql, String.join(", ", java.util.Collections.nCopies(list.size(), "?")));
            } else {
                values.add(value);
                m.appendReplacement(sql, "?");
            }
        }
        m.appendTail(sql);
        return new Bound(sql.toString(), values);
    }

    private static List<String> column(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }


}
