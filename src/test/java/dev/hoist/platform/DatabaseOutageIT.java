package dev.hoist.platform;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.HoistProcess;
import dev.hoist.support.Visitor;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar when its database dies or freezes: requests answer "temporarily unavailable"
 * within seconds (a page, or OCI error JSON on the registry), never a 500 or a hang, and Hoist
 * recovers on its own with the data intact. Every postgres started or frozen here is continued
 * and stopped before the test ends.
 */
class DatabaseOutageIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aKilledEmbeddedDatabaseIsRestartedWithNeitherA500NorAHangMeanwhile() throws Exception {
        Path workDir = newWorkDir();
        Path dataDir = workDir.resolve("data/postgres");
        try (HoistProcess hoist = HoistProcess.start(workDir, Map.of())) {
            String name = Visitor.uniqueName("kill");
            String session = new Visitor(hoist.baseUri()).signUp(name).cookie("hoist_session");
            long postmaster = postmasterPid(dataDir);

            signal("KILL", postmaster);
            // Hoist restarts it within about a second, so whether a request meets the outage is luck:
            // every answer meanwhile must be quick and never a 500, and a 503 must be the right one.
            // (The frozen and external servers below hold the outage long enough to demand 503s.)
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < deadline) {
                HttpResponse<String> page = get(hoist.baseUri() + "/settings", Duration.ofSeconds(6), session);
                assertTrue(page.statusCode() == 200 || page.statusCode() == 503, "page: " + page.statusCode());
                if (page.statusCode() == 503) {
                    assertUnavailablePage(page);
                }
                HttpResponse<String> registry = get(hoist.baseUri() + "/v2/", Duration.ofSeconds(6));
                assertTrue(registry.statusCode() == 401 || registry.statusCode() == 503, "registry: " + registry.statusCode());
                if (registry.statusCode() == 503) {
                    assertUnavailableJson(registry);
                }
                Thread.sleep(50);
            }

            // Hoist restarts its postgres on the same data and port: the account and its session work again.
            HttpResponse<String> settings = awaitStatus(hoist.baseUri() + "/settings", 200, Duration.ofSeconds(60), session);
            assertThat(settings.body(), containsString(name + "@example.test"));
            assertEquals(200, awaitStatus(hoist.baseUri() + "/q/health", 200, Duration.ofSeconds(5)).statusCode());
            assertNotEquals(postmaster, postmasterPid(dataDir), "a new postmaster");
            assertThat(Files.readString(hoist.log()), containsString("PostgreSQL restarted"));
            assertTrue(hoist.isAlive());

            hoist.stop("TERM");
        }
        assertEquals(List.of(), postgresOn(dataDir), "no postgres left after SIGTERM");
    }

    @Test
    void aFrozenEmbeddedDatabaseAnswers503FastAndRecoversWhenContinued() throws Exception {
        Path workDir = newWorkDir();
        Path dataDir = workDir.resolve("data/postgres");
        try (HoistProcess hoist = HoistProcess.start(workDir, Map.of())) {
            String name = Visitor.uniqueName("freeze");
            String session = new Visitor(hoist.baseUri()).signUp(name).cookie("hoist_session");

            // The whole server frozen (as a stuck VM or a hung disk would): queries in flight hang too.
            freezeAndRecover(hoist, postgresTree(postmasterPid(dataDir)), true, name, session);
            // Only the postmaster frozen: open connections still work, but no new one can be made.
            freezeAndRecover(hoist, List.of(postmasterPid(dataDir)), false, name, session);

            hoist.stop("TERM");
        }
        assertEquals(List.of(), postgresOn(dataDir), "no postgres left after SIGTERM");
    }

    private static void freezeAndRecover(HoistProcess hoist, List<Long> pids, boolean wholeServer, String name, String session)
            throws Exception {
        long[] frozen = pids.stream().mapToLong(Long::longValue).toArray();
        long start = System.nanoTime();
        signal("STOP", frozen);
        try {
            // A signed-in page right away: on a frozen server its query must not wait for it.
            HttpResponse<String> page = get(hoist.baseUri() + "/settings", Duration.ofSeconds(20), session);
            assertThat("answered within about 5 s", elapsed(start), lessThan(Duration.ofSeconds(6)));
            if (wholeServer) {
                assertUnavailablePage(page);
            } else {
                assertTrue(page.statusCode() == 200 || page.statusCode() == 503, "200 on an open connection, or 503");
            }
            awaitStatus(hoist.baseUri() + "/q/health", 503, Duration.ofSeconds(5).minus(elapsed(start)));
            assertThat("health DOWN within 5 s", elapsed(start), lessThan(Duration.ofMillis(5200)));
            long before = System.nanoTime();
            assertUnavailablePage(get(hoist.baseUri() + "/", Duration.ofSeconds(5)));
            assertUnavailableJson(get(hoist.baseUri() + "/v2/", Duration.ofSeconds(5)));
            assertThat("once noticed, at once", elapsed(before), lessThan(Duration.ofSeconds(1)));
        } finally {
            signal("CONT", frozen);
        }
        HttpResponse<String> settings = awaitStatus(hoist.baseUri() + "/settings", 200, Duration.ofSeconds(30), session);
        assertThat(settings.body(), containsString(name + "@example.test"));
    }

    @Test
    void anExternalDatabaseThatDiesAnswers503AndIsUsedAgainWhenItIsBack() throws Exception {
        Path pgDir = newWorkDir().resolve("external-pg");
        EmbeddedPostgres postgres = startExternal(pgDir, 0);
        int port = postgres.getPort();
        try {
            Map<String, String> external = Map.of(
                    "QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"),
                    "QUARKUS_DATASOURCE_USERNAME", "postgres",
                    "QUARKUS_DATASOURCE_PASSWORD", "",
                    // Checked only once an hour: what answers here is the exception mapping, not the watch's gate.
                    "HOIST_DATABASE_CHECK_INTERVAL", "PT1H");
            try (HoistProcess hoist = HoistProcess.start(newWorkDir(), external)) {
                String name = Visitor.uniqueName("ext");
                String session = new Visitor(hoist.baseUri()).signUp(name).cookie("hoist_session");
                HttpResponse<String> granted = get(hoist.baseUri() + "/token?service=hoist&scope=registry:catalog:*",
                        Duration.ofSeconds(10), basic(name));
                assertEquals(200, granted.statusCode(), granted.body());
                String bearer = "Bearer " + granted.body().replaceAll("(?s).*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");

                signal("KILL", postmasterPid(pgDir));
                long start = System.nanoTime();
                assertUnavailablePage(get(hoist.baseUri() + "/settings", Duration.ofSeconds(10), session));
                assertUnavailablePage(get(hoist.baseUri() + "/", Duration.ofSeconds(10)));
                // A registry request that needs the database (GET /v2/ alone does not).
                assertUnavailableJson(get(hoist.baseUri() + "/v2/_catalog", Duration.ofSeconds(10), bearer));
                assertUnavailableJson(get(hoist.baseUri() + "/token?service=hoist&scope=repository:" + name + "/app:pull",
                        Duration.ofSeconds(10), basic(name)));
                assertUnavailableJson(post(hoist.baseUri() + "/token",
                        "grant_type=password&username=" + name + "&password=password123&service=hoist"));
                assertThat("refused connections answer at once", elapsed(start), lessThan(Duration.ofSeconds(10)));
                assertThat(Files.readString(hoist.log()), not(containsString("Embedded PostgreSQL on port")));

                postgres = startExternal(pgDir, port);
                HttpResponse<String> settings = awaitStatus(hoist.baseUri() + "/settings", 200, Duration.ofSeconds(30), session);
                assertThat(settings.body(), containsString(name + "@example.test"));
            }
        } finally {
            postgres.close();
        }
        assertEquals(List.of(), postgresOn(pgDir), "the external postgres is stopped");
    }

    // --- helpers ---

    private static void assertUnavailablePage(HttpResponse<String> response) {
        assertEquals(503, response.statusCode(), response.body());
        assertThat(response.headers().firstValue("Content-Type").orElse(""), containsString("text/html"));
        assertTrue(response.headers().firstValue("Retry-After").isPresent(), "Retry-After");
        assertThat(response.body(), containsString("Temporarily unavailable"));
        assertThat(response.body(), not(containsString("Exception")));
    }

    private static void assertUnavailableJson(HttpResponse<String> response) {
        assertEquals(503, response.statusCode(), response.body());
        assertThat(response.headers().firstValue("Content-Type").orElse(""), containsString("application/json"));
        assertTrue(response.headers().firstValue("Retry-After").isPresent(), "Retry-After");
        assertThat(response.body(), containsString("\"code\":\"UNAVAILABLE\""));
        assertThat(response.body(), containsString("{\"errors\":["));
    }

    /** The response if it is a 503; null if the database still (or again) answers; never a 500. */
    private static HttpResponse<String> only503(HttpResponse<String> response) {
        assertThat(response.body(), response.statusCode(), not(500));
        return response.statusCode() == 503 ? response : null;
    }

    private static HttpResponse<String> awaitStatus(String url, int status, Duration within, String... session)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        HttpResponse<String> last = null;
        do {
            try {
                last = get(url, Duration.ofSeconds(5), session);
                if (last.statusCode() == status) {
                    return last;
                }
                if (last.statusCode() >= 500 && last.statusCode() != 503) {
                    throw new AssertionError(url + " answered " + last.statusCode() + ": " + last.body());
                }
            } catch (IOException e) {
                // a timeout: keep trying until the deadline, then fail below
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no " + status + " from " + url + " within " + within + "; last: "
                + (last == null ? "no answer" : last.statusCode()));
    }

    private static HttpResponse<String> get(String url, Duration timeout, String... session) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        for (String value : session) {
            boolean credentials = value.startsWith("Basic ") || value.startsWith("Bearer ");
            request.header(credentials ? "Authorization" : "Cookie", credentials ? value : "hoist_session=" + value);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String name) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((name + ":password123").getBytes());
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static Path newWorkDir() throws IOException {
        return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "hoist-it");
    }

    /** A separate PostgreSQL playing an external server; on {@code port} again after it was killed. */
    private static EmbeddedPostgres startExternal(Path dir, int port) throws Exception {
        Files.createDirectories(dir);
        for (int attempt = 1;; attempt++) {
            try {
                // What Hoist does for its own embedded server after a crash: clear the dead server's
                // locks once its backends have let go of its shared memory.
                StalePostmaster.stopIfRunning(dir);
                break;
            } catch (IOException stillAttached) {
                if (attempt == 50) {
                    throw stillAttached;
                }
                Thread.sleep(200);
            }
        }
        Files.deleteIfExists(dir.resolve("epg-lock"));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false);
        if (port != 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    private static long postmasterPid(Path dataDir) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    }

    /** The postmaster and every process it started (backends, checkpointer, …). */
    private static List<Long> postgresTree(long postmaster) {
        List<Long> pids = new ArrayList<>(List.of(postmaster));
        ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
        return pids;
    }

    /** Postgres processes still running on {@code dataDir} (zombies not counted). */
    private static List<ProcessHandle> postgresOn(Path dataDir) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(dataDir.toString())).orElse(false))
                .filter(p -> Processes.state(p.pid(), "postgres") != Processes.GONE)
                .toList();
    }

    private static void signal(String signal, long... pids) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        Stream.of(pids).flatMapToLong(Arrays::stream).forEach(p -> command.add(String.valueOf(p)));
        assertEquals(0, new ProcessBuilder(command).inheritIO().start().waitFor(), String.join(" ", command));
    }
}
