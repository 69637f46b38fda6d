import io.quarkus.elytron.security.common.BcryptUtil;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * bench/seed: fills an empty Hoist database with users, organizations and repositories through
 * COPY, with the secondary indexes dropped during the load and rebuilt once at the end.
 */
public final class Seed {

    /** Every seeded user has this password; "benchuser" also belongs to some organizations. */
    static final String PASSWORD = "password123";
    static final String BENCH_USER = "benchuser";

    private static final Instant NOW = Instant.now();
    private static final long SIX_YEARS = Duration.ofDays(6 * 365).toSeconds();

    public static void main(String[] args) throws Exception {
        long repos = 1_000_000;
        Path dataDir = Path.of("bench/data");
        long seed = 42;
        String sharedBuffers = "1GB";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--shared-buffers" -> sharedBuffers = args[++i];
                case "--repos" -> repos = Long.parseLong(args[++i].replace("_", "").replace(",", ""));
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("usage: bench/seed [--repos N] [--data-dir DIR] [--seed S] [--shared-buffers 1GB]");
                    System.exit(2);
                }
            }
        }
        int users = (int) Math.max(50, repos / 5);
        int orgs = (int) Math.max(10, repos / 40);
        long start = System.nanoTime();
        try (Db db = Db.open(dataDir)) {
            Flyway.configure().dataSource(db.url, db.user, db.password).locations("classpath:db/migration").load().migrate();
            try (Connection c = db.connect()) {
                long existing = Db.number(c, "SELECT count(*) FROM repositories");
                if (existing > 200) {
                    System.err.printf("The database already holds %,d repositories: seed an empty one (delete %s).%n",
                            existing, dataDir);
                    return;
                }
                System.out.printf("Seeding %,d repositories, %,d users and %,d organizations into %s%n", repos, users, orgs,
                        db.url);
                new Seed(db, c, seed, users, orgs).run(repos);
                if (db.embedded()) {
                    // Any production PostgreSQL is given memory for its working set; 128MB is only the starting default.
                    try (Statement s = c.createStatement()) {
                        s.execute("ALTER SYSTEM SET shared_buffers = '" + sharedBuffers.replace("'", "") + "'");
                    }
                    System.out.printf("  shared_buffers = %s from the next start (PostgreSQL's default: 128MB)%n", sharedBuffers);
                }
                System.out.printf("Done in %s. Database size: %s (repositories with indexes: %s)%n",
                        Duration.ofSeconds((System.nanoTime() - start) / 1_000_000_000),
                        Db.text(c, "SELECT pg_size_pretty(pg_database_size(current_database()))"),
                        Db.text(c, "SELECT pg_size_pretty(pg_total_relation_size('repositories'))"));
            }
        }
    }

    private final Db db;
    private final Connection c;
    private final long seed;
    private final int users;
    private final int orgs;
    private long userNs;
    private long orgNs;
    private long libraryNs;

    private Seed(Db db, Connection c, long seed, int users, int orgs) {
        this.db = db;
        this.c = c;
        this.seed = seed;
        this.users = users;
        this.orgs = orgs;
    }

    private void run(long repos) throws Exception {
        libraryNs = Db.number(c, "SELECT id FROM namespaces WHERE name = 'library'");
        userNs = Db.number(c, "SELECT coalesce(max(id), 0) + 1 FROM namespaces");
        orgNs = userNs + users;
        List<String[]> indexes = dropSecondaryIndexes();
        Corpus corpus = new Corpus(seed);
        long accountBase = Db.number(c, "SELECT coalesce(max(id), 0) + 1 FROM accounts");
        long orgBase = Db.number(c, "SELECT coalesce(max(id), 0) + 1 FROM organizations");
        long teamBase = Db.number(c, "SELECT coalesce(max(id), 0) + 1 FROM teams");
        String hash = BcryptUtil.bcryptHash(PASSWORD, 10);

        Set<String> taken = new HashSet<>(List.of("library", "admin", "docker", "hoist", "search", "official"));
        long t = System.nanoTime();
        String[] names = new String[users + orgs];
        String[] created = new String[users + orgs];
        for (int i = 0; i < names.length; i++) {
            do {
                names[i] = i == 0 ? BENCH_USER : i < users ? corpus.userName() : corpus.orgName();
            } while (!names[i].matches("[a-z0-9]{4,30}") || !taken.add(names[i]));
            created[i] = past(corpus.random());
        }
        // One COPY at a time per connection, parents first for the foreign keys.
        try (Copy ns = copy("namespaces (id, name, kind, created_at)")) {
            for (int i = 0; i < names.length; i++) {
                ns.row(userNs + i, names[i], i < users ? "user" : "org", created[i]);
            }
        }
        try (Copy accounts = copy("accounts (id, namespace_id, email, email_verified, password_hash, created_at)")) {
            for (int i = 0; i < users; i++) {
                accounts.row(accountBase + i, userNs + i, names[i] + "@example.test", true, hash, created[i]);
            }
        }
        try (Copy organizations = copy("organizations (id, namespace_id, verified_publisher, created_at)")) {
            for (int i = 0; i < orgs; i++) {
                // The biggest organizations are the verified publishers, as on Docker Hub.
                organizations.row(orgBase + i, orgNs + i, i < Math.max(2, orgs / 50), created[users + i]);
            }
        }
        try (Copy teams = copy("teams (id, organization_id, name, description, can_create_repositories)")) {
            for (int i = 0; i < orgs; i++) {
                teams.row(teamBase + i, orgBase + i, "owners", "Administer everything.", true);
            }
        }
        try (Copy members = copy("team_members (team_id, account_id)")) {
            Random random = corpus.random();
            for (int i = 0; i < orgs; i++) {
                long owner = accountBase + 1 + random.nextInt(users - 1);
                members.row(teamBase + i, owner);
                if (i % Math.max(1, orgs / 40) == 0 && owner != accountBase) {
                    members.row(teamBase + i, accountBase);
                }
            }
        }
        System.out.printf("  %,d namespaces, accounts and teams in %d ms%n", users + orgs, (System.nanoTime() - t) / 1_000_000);

        // The words of every name the corpus can make, committed before the parallel COPYs: the
        // trigger adds each name's words, and two loads adding the same new word would wait on each other.
        try (var insert = c.prepareStatement("INSERT INTO search_words (word) SELECT unnest(?) ON CONFLICT DO NOTHING")) {
            List<String> words = new ArrayList<>();
            for (List<String> list : List.of(Words.OFFICIAL, Words.TECH, Words.ROLE, Words.PROJECT)) {
                for (String entry : list) {
                    for (String word : entry.split("[^a-z0-9]+")) {
                        if (word.length() >= 3) {
                            words.add(word);
                        }
                    }
                }
            }
            insert.setArray(1, c.createArrayOf("text", words.stream().distinct().toArray()));
            insert.execute();
        }
        t = System.nanoTime();
        long repoBase = Db.number(c, "SELECT coalesce(max(id), 0) + 1 FROM repositories");
        List<String> officials = Words.OFFICIAL.stream().distinct().toList();
        List<long[]> collaborators = new ArrayList<>();
        try (Copy copy = copy(REPO_COLUMNS)) {
            Random random = corpus.random();
            for (int i = 0; i < officials.size(); i++) {
                String name = officials.get(i);
                long pulls = (long) (1e9 / (i + 1) * (0.5 + random.nextDouble()));
                repoRow(copy, random, repoBase + i, libraryNs, name, "Docker Official Image of " + name,
                        corpus.readme("library/" + name, "The official " + name + " image", 19),
                        false, (int) (15_000 / Math.sqrt(i + 1)), pulls);
            }
        }
        long official = officials.size();
        AtomicLong done = new AtomicLong(official);
        long total = repos;
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
        progress.scheduleAtFixedRate(() -> System.out.printf("  repositories: %,d of %,d%n", done.get(), total), 5, 5,
                TimeUnit.SECONDS);
        Set<String> repoNames = ConcurrentHashMap.newKeySet();
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        var pool = Executors.newFixedThreadPool(threads);
        List<Future<List<long[]>>> parts = new ArrayList<>();
        long share = (repos - official + threads - 1) / threads;
        for (int p = 0; p < threads; p++) {
            long from = official + p * share;
            long to = Math.min(repos, from + share);
            long partSeed = seed + 1 + p;
            parts.add(pool.submit(() -> repositories(partSeed, repoBase, from, to, repoNames, done, accountBase)));
        }
        for (Future<List<long[]>> part : parts) {
            collaborators.addAll(part.get());
        }
        pool.shutdown();
        progress.shutdownNow();
        try (Copy copy = copy("collaborators (repository_id, account_id)")) {
            for (long[] pair : collaborators) {
                copy.row(pair[0], pair[1]);
            }
        }
        long seconds = Math.max(1, (System.nanoTime() - t) / 1_000_000_000);
        System.out.printf("  %,d repositories in %d s (%,d/s)%n", repos, seconds, repos / seconds);

        rebuild(indexes);
        try (Statement s = c.createStatement()) {
            for (String table : List.of("namespaces", "accounts", "organizations", "teams", "repositories")) {
                s.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT max(id) FROM " + table + "))");
            }
            t = System.nanoTime();
            s.execute("VACUUM ANALYZE");
            System.out.printf("  VACUUM ANALYZE in %d s%n", (System.nanoTime() - t) / 1_000_000_000);
        }
    }

    private static final String REPO_COLUMNS = "repositories (id, namespace_id, name, short_description, readme, private,"
            + " star_count, pull_count, last_pushed_at, created_at, updated_at)";

    /** One slice of the repositories, on its own connection so that the trigger's text work uses every core. */
    private List<long[]> repositories(long partSeed, long repoBase, long from, long to, Set<String> names, AtomicLong done,
            long accountBase) throws Exception {
        Corpus corpus = new Corpus(partSeed);
        Random random = corpus.random();
        List<long[]> collaborators = new ArrayList<>();
        try (Connection own = db.connect(); Copy copy = new Copy(own, REPO_COLUMNS)) {
            for (long i = from; i < to; i++) {
                long namespace;
                String name;
                do {
                    double u = random.nextDouble();
                    namespace = random.nextInt(100) < 85 ? userNs + (long) (users * u * u) : orgNs + (long) (orgs * u * u);
                    name = corpus.repoName();
                } while (!names.add(namespace + "/" + name));
                String description = corpus.description(name);
                boolean isPrivate = random.nextInt(100) < 5;
                long pulls = isPrivate ? random.nextInt(50) : corpus.pulls();
                repoRow(copy, random, repoBase + i, namespace, name, description,
                        corpus.readme("ns" + namespace + "/" + name, description), isPrivate, corpus.stars(pulls), pulls);
                if (isPrivate && namespace < orgNs && random.nextInt(3) == 0) {
                    // Collaborators, and now and then the benchmark user, so signed-in searches see some.
                    long who = random.nextInt(50) == 0 ? accountBase : accountBase + random.nextInt(users);
                    if (who != accountBase + (namespace - userNs)) {
                        collaborators.add(new long[] { repoBase + i, who });
                    }
                }
                done.incrementAndGet();
            }
        }
        return collaborators;
    }

    private static void repoRow(Copy copy, Random random, long id, long namespace, String name, String description,
            String readme, boolean isPrivate, int stars, long pulls) throws Exception {
        Instant created = NOW.minusSeconds((long) (SIX_YEARS * random.nextDouble()));
        Instant updated = created.plusSeconds((long) (Duration.between(created, NOW).toSeconds() * random.nextDouble()));
        Instant pushed = random.nextInt(10) < 7 ? updated : null;
        copy.row(id, namespace, name, description, readme, isPrivate, stars, pulls, pushed, created, updated);
    }

    private List<String[]> dropSecondaryIndexes() throws SQLException {
        List<String[]> indexes = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
                        + " AND tablename = 'repositories' AND indexname NOT IN (SELECT conname FROM pg_constraint)")) {
            while (rs.next()) {
                indexes.add(new String[] { rs.getString(1), rs.getString(2) });
            }
        }
        try (Statement s = c.createStatement()) {
            for (String[] index : indexes) {
                s.execute("DROP INDEX " + index[0]);
            }
        }
        return indexes;
    }

    /** Building an index once over all rows is many times faster than growing it row by row. */
    private void rebuild(List<String[]> indexes) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET maintenance_work_mem = '1GB'");
            for (String[] index : indexes) {
                long t = System.nanoTime();
                s.execute(index[1]);
                System.out.printf("  index %s in %.1f s%n", index[0], (System.nanoTime() - t) / 1e9);
            }
        }
    }

    private Copy copy(String target) throws SQLException {
        return new Copy(c, target);
    }

    private static String past(Random random) {
        return NOW.minusSeconds((long) (SIX_YEARS * random.nextDouble())).toString();
    }



    /** A COPY ... FROM STDIN in PostgreSQL's text format, streamed. */
    static final class Copy implements AutoCloseable {

        private final Writer out;

        Copy(Connection connection, String target) throws SQLException {
            PGCopyOutputStream stream = new PGCopyOutputStream(connection.unwrap(PGConnection.class),
                    "COPY " + target + " FROM STDIN", 1 << 16);
            out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        }

        void row(Object... values) throws java.io.IOException {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    out.write('\t');
                }
                Object v = values[i];
                if (v == null) {
                    out.write("\\N");
                } else if (v instanceof Boolean b) {
                    out.write(b ? "t" : "f");
                } else {
                    escape(v.toString());
                }
            }
            out.write('\n');
        }

        private void escape(String text) throws java.io.IOException {
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                switch (ch) {
                    case '\\' -> out.write("\\\\");
                    case '\t' -> out.write("\\t");
                    case '\n' -> out.write("\\n");
                    case '\r' -> out.write("\\r");
                    default -> out.write(ch);
                }
            }
        }

        @Override
        public void close() throws java.io.IOException {
            out.close();
        }
    }
}
