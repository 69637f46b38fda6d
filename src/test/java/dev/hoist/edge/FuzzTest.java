package dev.hoist.edge;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.People;
import dev.hoist.support.RawHttp;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Sends at least 10,000 malformed requests, made from a seeded random generator over every route
 * ({@code -Dfuzz.seed=N} replays a run, {@code -Dfuzz.requests=N} changes its length),
 * and fails on any 5xx or dropped connection, and on any row that a refused (4xx) request wrote.
 * Writes are seen through PostgreSQL: a refused request after which the next transaction id moved
 * and some table holds a row whose xmin is that new, wrote it. Tables a refused request may
 * rightly write are left out: {@code login_failures} (failed sign-ins are counted), {@code rate_buckets} (sign-up
 * attempts are counted per address, refused ones too), {@code server_secrets} (keys made on first use)
 * and {@code sessions} (a signed-in visitor's "last seen" moves at most once a minute, whatever
 * the answer; on a slow machine the run lasts long enough for it). The audit log may hold a
 * refused request's failed sign-in, and nothing else.
 */
@QuarkusTest
class FuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261203L);
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);
    private static final Set<String> MAY_BE_WRITTEN_BY_REFUSALS = Set.of("login_failures", "rate_buckets", "server_secrets",
            "sessions", "flyway_schema_history");
    private static final Pattern UPLOAD = Pattern.compile("/blobs/uploads/([0-9a-f-]{36})");

    @Inject
    DataSource database;

    private record Route(String method, String path, List<String> fields) {
    }

    private static final List<Route> ROUTES = List.of(
            get("/"), get("/login"), get("/signup"), get("/search"), get("/search/suggest"), get("/u/{user}"),
            get("/orgs/new"), get("/orgs/{org}"), get("/orgs/{org}/members"), get("/orgs/{org}/teams"),
            get("/orgs/{org}/teams/{team}"), get("/repository/create"), get("/r/{user}/{repo}"), get("/r/{user}/{repo}/tags"),
            get("/r/{user}/{repo}/settings"), get("/_/{repo}"), get("/settings"), get("/settings/tokens"),
            get("/verify-email"), get("/admin/storage"), get("/login/oidc"), get("/{any}/{any}"), get("/static/{any}"),
            post("/login", "username", "password", "next"), post("/signup", "username", "email", "password"),
            post("/orgs/new", "name"), post("/orgs/{org}/privacy", "privacy"), post("/orgs/{org}/verified-publisher", "verified"),
            post("/orgs/{org}/members/remove", "username"), post("/orgs/{org}/teams", "name", "description", "canCreate"),
            post("/orgs/{org}/teams/{team}/members", "username"), post("/orgs/{org}/teams/{team}/members/remove", "username"),
            post("/orgs/{org}/teams/{team}/permissions", "repository", "permission"),
            post("/orgs/{org}/teams/{team}/permissions/remove", "repository"),
            post("/orgs/{org}/teams/{team}/edit", "name", "description", "canCreate"), post("/orgs/{org}/teams/{team}/delete"),
            post("/settings/email", "email"), post("/settings/verification"), post("/settings/privacy", "privacy"),
            post("/settings/password", "current", "password"), post("/settings/delete", "confirm"),
            post("/settings/tokens", "description", "scope", "expires"), post("/settings/tokens/revoke", "id"),
            post("/repository/create", "namespace", "name", "description", "visibility", "readme"),
            post("/r/{user}/{repo}/star"), post("/r/{user}/{repo}/unstar"), post("/r/{user}/{repo}/tags/delete", "tag"),
            post("/r/{user}/{repo}/settings/description", "description", "readme", "action"),
            post("/r/{user}/{repo}/settings/visibility", "visibility"), post("/r/{user}/{repo}/settings/collaborators", "username"),
            post("/r/{user}/{repo}/settings/collaborators/remove", "username"),
            post("/r/{user}/{repo}/settings/teams", "team", "permission"), post("/r/{user}/{repo}/settings/teams/remove", "team"),
            post("/r/{user}/{repo}/settings/delete", "confirm"), post("/login/oidc/username", "username", "next"),
            post("/admin/storage/collect"), post("/token", "grant_type", "username", "password", "scope", "service"),
            get("/token"), get("/v1/search"), get("/v2/"), get("/v2/_catalog"), get("/v2/{user}/{repo}/tags/list"),
            get("/v2/{user}/{repo}/referrers/{digest}"), get("/v2/{user}/{repo}/blobs/{digest}"),
            new Route("HEAD", "/v2/{user}/{repo}/blobs/{digest}", List.of()), new Route("DELETE", "/v2/{user}/{repo}/blobs/{digest}", List.of()),
            new Route("POST", "/v2/{user}/{repo}/blobs/uploads/", List.of()), new Route("PATCH", "/v2/{user}/{repo}/blobs/uploads/{upload}", List.of()),
            new Route("PUT", "/v2/{user}/{repo}/blobs/uploads/{upload}", List.of()), get("/v2/{user}/{repo}/blobs/uploads/{upload}"),
            new Route("DELETE", "/v2/{user}/{repo}/blobs/uploads/{upload}", List.of()),
            new Route("PUT", "/v2/{user}/{repo}/manifests/{ref}", List.of()), get("/v2/{user}/{repo}/manifests/{ref}"),
            new Route("HEAD", "/v2/{user}/{repo}/manifests/{ref}", List.of()), new Route("DELETE", "/v2/{user}/{repo}/manifests/{ref}", List.of()));

    private static final List<String> QUERY_NAMES = List.of("q", "official", "verified", "namespace", "sort", "page", "next", "token",
            "n", "last", "service", "scope", "digest", "mount", "from", "artifactType", "tab", "%00", "a%zz");

    private static Route get(String path) {
        return new Route("GET", path, List.of());
    }

    private static Route post(String path, String... fields) {
        return new Route("POST", path, List.of(fields));
    }

    /** Who the requests come as: a signed-in owner of a repository and an organization, with a push token. */
    private record Cast(String user, String org, String session, String csrfCookie, String csrfField, String bearer, String upload) {
    }

    @Test
    void malformedRequestsGetNo5xxAndWriteNothing() throws Exception {
        Cast cast = cast();
        Random random = new Random(SEED);
        List<String> tables = tables();
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        long before = nextTransaction();
        int sent = 0;
        for (int i = 0; i < REQUESTS && failures.size() < 20; i++, sent++) {
            byte[] request = request(random, cast, i);
            String shown = show(request);
            RawHttp.Answer answer;
            try {
                answer = RawHttp.send(request);
            } catch (java.io.IOException e) {
                answer = new RawHttp.Answer(0, e.toString(), "");
            }
            String problem = null;
            long after = nextTransaction();
            if (answer.status() >= 500 || answer.status() == 0) {
                problem = "answered " + answer.status() + " " + firstLine(answer.head()) + " " + clip(answer.body());
            } else if (answer.status() >= 400 && after > before) {
                List<String> written = writtenSince(tables, before);
                if (!written.isEmpty()) {
                    problem = "was refused with " + answer.status() + " but wrote rows in " + written;
                }
            }
            before = after;
            if (problem != null) {
                failures.add("request #" + i + " (seed " + SEED + ") " + problem + "\n" + shown);
            }
        }
        System.out.printf("fuzz: %d requests in %d s%n", sent, (System.nanoTime() - start) / 1_000_000_000L);
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n\n", failures));
    }

    private byte[] request(Random random, Cast cast, int index) {
        Route route = ROUTES.get(random.nextInt(ROUTES.size()));
        boolean hostilePath = random.nextInt(3) == 0;
        String path = route.path().replace("{user}", value(random, cast.user(), hostilePath))
                .replace("{org}", value(random, cast.org(), hostilePath)).replace("{team}", value(random, "owners", hostilePath))
                .replace("{repo}", value(random, "fuzz", hostilePath)).replace("{digest}", value(random, FuzzCorpus.DIGEST, hostilePath))
                .replace("{upload}", value(random, cast.upload(), hostilePath)).replace("{ref}", value(random, "latest", hostilePath))
                .replace("{any}", FuzzCorpus.pick(random, FuzzCorpus.VALUES));
        StringBuilder query = new StringBuilder();
        for (int q = random.nextInt(3); q > 0; q--) {
            query.append(query.length() == 0 ? "?" : "&").append(FuzzCorpus.pick(random, QUERY_NAMES)).append('=')
                    .append(FuzzCorpus.pick(random, FuzzCorpus.VALUES));
        }
        List<String> headers = new ArrayList<>();
        headers.add("X-Forwarded-For: 198.18." + random.nextInt(4) + "." + (1 + random.nextInt(250)));
        StringBuilder cookies = new StringBuilder();
        if (random.nextInt(4) != 0) {
            cookies.append("hoist_session=").append(random.nextInt(8) == 0 ? FuzzCorpus.pick(random, FuzzCorpus.VALUES) : cast.session());
            cookies.append("; hoist_csrf=").append(random.nextInt(8) == 0 ? FuzzCorpus.pick(random, FuzzCorpus.VALUES) : cast.csrfCookie());
        }
        if (random.nextInt(10) == 0) {
            cookies.append(cookies.length() == 0 ? "" : "; ").append("hoist_flash=").append(FuzzCorpus.pick(random, FuzzCorpus.VALUES));
        }
        if (cookies.length() > 0) {
            headers.add("Cookie: " + cookies);
        }
        int auth = random.nextInt(6);
        if (auth == 0) {
            headers.add("Authorization: Bearer " + cast.bearer());
        } else if (auth == 1) {
            headers.add("Authorization: Bearer " + FuzzCorpus.pick(random, FuzzCorpus.VALUES));
        } else if (auth == 2) {
            headers.add("Authorization: " + FuzzCorpus.basic(decoded(FuzzCorpus.pick(random, FuzzCorpus.VALUES)) + ":" + "password123"));
        } else if (auth == 3 && path.startsWith("/v2")) {
            headers.add("Authorization: Bearer " + cast.bearer());
        }
        if (random.nextInt(8) == 0) {
            headers.add("Accept: " + FuzzCorpus.pick(random, FuzzCorpus.CONTENT_TYPES));
        }
        if (random.nextInt(5) == 0) {
            headers.add((random.nextBoolean() ? "Range: " : "Content-Range: ") + FuzzCorpus.pick(random, FuzzCorpus.VALUES));
        }
        byte[] body = null;
        if (!route.fields().isEmpty() || random.nextInt(4) == 0 && !route.method().equals("GET") && !route.method().equals("HEAD")) {
            String type = random.nextInt(4) == 0 ? FuzzCorpus.pick(random, FuzzCorpus.CONTENT_TYPES)
                    : route.fields().isEmpty() ? "application/vnd.oci.image.manifest.v1+json" : "application/x-www-form-urlencoded";
            headers.add("Content-Type: " + type);
            body = (route.fields().isEmpty() ? FuzzCorpus.pick(random, FuzzCorpus.bodies()) : form(random, cast, route))
                    .getBytes(StandardCharsets.UTF_8);
        }
        return RawHttp.request(route.method(), path + query, headers, body);
    }

    private static String form(Random random, Cast cast, Route route) {
        StringBuilder form = new StringBuilder();
        if (random.nextInt(5) != 0) {
            form.append("csrf-token=").append(cast.csrfField());
        }
        boolean destructive = route.path().endsWith("/delete");
        for (String field : route.fields()) {
            String value = random.nextInt(3) == 0 && !destructive ? plausible(random, cast, field) : FuzzCorpus.pick(random, FuzzCorpus.VALUES);
            form.append(form.length() == 0 ? "" : "&").append(field).append('=').append(value);
        }
        return form.toString();
    }

    /** A valid-looking value, so that handlers get past their first check and meet the hostile ones after it. */
    private static String plausible(Random random, Cast cast, String field) {
        return switch (field) {
            case "username", "namespace", "confirm" -> cast.user();
            case "name", "repository" -> "fuzz" + random.nextInt(3);
            case "visibility", "privacy" -> random.nextBoolean() ? "public" : "private";
            case "permission", "scope" -> "WRITE";
            case "email" -> cast.user() + "@example.test";
            default -> "ok";
        };
    }

    private static String value(Random random, String valid, boolean hostile) {
        return hostile ? FuzzCorpus.pick(random, FuzzCorpus.VALUES) : valid;
    }

    private static String decoded(String value) {
        try {
            return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private Cast cast() {
        String user = Visitor.uniqueName("fuzz");
        Visitor visitor = People.verified(user);
        Repos.create(visitor, user, "fuzz", false, "d", "# fuzz");
        String org = Visitor.uniqueName("fuzzorg");
        visitor.submit("/orgs/new", "/orgs/new", Map.of("name", org));
        String page = visitor.get("/settings").asString();
        Matcher token = Pattern.compile("name=\"csrf-token\" value=\"([^\"]*)\"").matcher(page);
        assertTrue(token.find());
        String bearer = given().auth().preemptive().basic(user, "password123").queryParam("service", "hoist")
                .queryParam("scope", "repository:" + user + "/fuzz:pull,push,delete").get("/token").path("token");
        String location = given().header("Authorization", "Bearer " + bearer).post("/v2/" + user + "/fuzz/blobs/uploads/")
                .header("Location");
        Matcher upload = UPLOAD.matcher(location);
        assertTrue(upload.find(), location);
        return new Cast(user, org, visitor.cookie("hoist_session"), visitor.cookie("hoist_csrf"), token.group(1), bearer,
                upload.group(1));
    }

    private List<String> tables() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select tablename from pg_tables where schemaname = 'public' order by 1")) {
            while (r.next()) {
                if (!MAY_BE_WRITTEN_BY_REFUSALS.contains(r.getString(1))) {
                    tables.add(r.getString(1));
                }
            }
        }
        return tables;
    }

    /** The next transaction id PostgreSQL will hand out; it moves only when some transaction writes. */
    private long nextTransaction() throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select pg_snapshot_xmax(pg_current_snapshot())::text::bigint")) {
            r.next();
            return r.getLong(1);
        }
    }

    private List<String> writtenSince(List<String> tables, long transaction) throws Exception {
        List<String> written = new ArrayList<>();
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            for (String table : tables) {
                String refusalsMayWrite = table.equals("audit_log") ? " and action <> 'sign_in.failed'" : "";
                try (ResultSet r = s.executeQuery("select count(*) from \"" + table + "\" where xmin::text::bigint >= " + transaction
                        + refusalsMayWrite)) {
                    r.next();
                    if (r.getLong(1) > 0) {
                        written.add(table);
                    }
                }
            }
        }
        return written;
    }

    private static String show(byte[] request) {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        StringBuilder shown = new StringBuilder();
        for (char c : (text.length() > 1500 ? text.substring(0, 1500) + "…(" + text.length() + " bytes)" : text).toCharArray()) {
            shown.append(c == '\n' ? "\n" : c == '\r' ? "\\r" : c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return shown.toString();
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    private static String clip(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
