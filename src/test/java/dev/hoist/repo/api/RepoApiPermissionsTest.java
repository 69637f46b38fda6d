package dev.hoist.repo.api;

import static dev.hoist.repo.api.RepositoriesApiTest.api;
import static dev.hoist.repo.api.RepositoriesApiTest.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.Cast;
import dev.hoist.support.Cast.Role;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The API asks the one permission function (access.Access), so each role may do through the API
 * exactly what it may do on the pages: read on Read, describe and delete on Admin; outsiders see
 * no private repository; a token's scope caps its owner.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepoApiPermissionsTest {

    private static final Pattern SECRET = Pattern.compile("value=\"(hoist_pat_[A-Za-z0-9_-]+)\"");

    private Cast cast;
    private final Map<Role, String> tokens = new EnumMap<>(Role.class);

    /** Made once, on the first test's thread (the HTTP port is known only then). */
    @BeforeEach
    void cast() {
        if (cast != null) {
            return;
        }
        cast = Cast.create("apiperm");
        for (Role role : Role.values()) {
            if (role != Role.ANONYMOUS) {
                tokens.put(role, login(cast.name(role)));
            }
        }
    }

    private int status(Role role, String method, String path, Object body) {
        var request = api(tokens.get(role));
        if (body != null) {
            request.body(body);
        }
        return request.request(method, path).statusCode();
    }

    @Test
    void readingFollowsThePermissionMatrix() {
        for (Role role : Role.values()) {
            int expectedPrivate = role == Role.ANONYMOUS || role == Role.OUTSIDER ? 404 : 200;
            assertEquals(expectedPrivate, status(role, "GET", "/v2/repositories/" + cast.repoFor(role, true) + "/", null),
                    role + " reads the private repository");
            assertEquals(expectedPrivate, status(role, "GET", "/v2/repositories/" + cast.repoFor(role, true) + "/tags/", null),
                    role + " lists the private repository's tags");
            assertEquals(200, status(role, "GET", "/v2/repositories/" + cast.repoFor(role, false) + "/", null),
                    role + " reads the public repository");
        }
    }

    @Test
    void describingNeedsAdmin() {
        Map<String, String> body = Map.of("description", "Described by the API");
        for (Role role : Role.values()) {
            boolean admin = role == Role.USER_OWNER || role == Role.TEAM_ADMIN || role == Role.ORG_OWNER
                    || role == Role.SITE_ADMIN;
            int onPrivate = role == Role.ANONYMOUS ? 401 : role == Role.OUTSIDER ? 404 : admin ? 200 : 403;
            int onPublic = role == Role.ANONYMOUS ? 401 : admin ? 200 : 403;
            assertEquals(onPrivate, status(role, "PATCH", "/v2/repositories/" + cast.repoFor(role, true) + "/", body),
                    role + " describes the private repository");
            assertEquals(onPublic, status(role, "PATCH", "/v2/repositories/" + cast.repoFor(role, false) + "/", body),
                    role + " describes the public repository");
            int deleteTag = role == Role.ANONYMOUS ? 401 : role == Role.OUTSIDER ? 404 : admin ? 404 : 403;
            assertEquals(deleteTag, status(role, "DELETE", "/v2/repositories/" + cast.repoFor(role, true) + "/tags/none/", null),
                    role + " deletes a tag (there is none: an Admin learns so)");
        }
    }

    @Test
    void aTokensScopeCapsItsOwner() {
        Visitor owner = cast.visitor(Role.USER_OWNER);
        String repo = "/v2/repositories/" + cast.repoFor(Role.USER_OWNER, true) + "/";
        Map<String, String> body = Map.of("full_description", "from CI");
        for (String scope : new String[] { "READ", "WRITE", "ADMIN" }) {
            String secret = token(owner, scope);
            assertEquals(200, api(secret).get(repo).statusCode(), scope + " reads");
            assertEquals(scope.equals("ADMIN") ? 200 : 403, api(secret).body(body).patch(repo).statusCode(), scope + " describes");
            // The same cap when the token was exchanged for an API token at /v2/users/login.
            String exchanged = api(null).body(Map.of("username", cast.name(Role.USER_OWNER), "password", secret))
                    .post("/v2/users/login").then().statusCode(200).extract().path("token");
            assertEquals(scope.equals("ADMIN") ? 200 : 403, api(exchanged).body(body).patch(repo).statusCode(),
                    scope + " describes through the exchanged token");
            assertEquals(scope.equals("READ") ? 403 : 201, api(secret).body(Map.of("name", "bytoken" + scope.toLowerCase()))
                    .post("/v2/namespaces/" + cast.user + "/repositories").statusCode(), scope + " creates");
        }
    }

    static String token(Visitor owner, String scope) {
        String page = owner.submit("/settings/tokens", "/settings/tokens",
                Map.of("description", "CI " + scope, "scope", scope, "expires", "30")).asString();
        Matcher m = SECRET.matcher(page);
        assertTrue(m.find(), "the new token is shown");
        return m.group(1);
    }
}
