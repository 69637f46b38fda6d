package dev.hoist.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.Images;
import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * hub-tool's conversation (docker/hub-tool, pkg/hub), replayed as it sends it: its headers, paths
 * with their trailing slashes and query strings, and checking every field it decodes (ids as
 * strings, times as RFC 3339, {@code next} as a full address or null).
 */
@QuarkusTest
class HubToolConversationTest {

    /** hub-tool sets these on every request (client.go, doRawRequest). */
    private static RequestSpecification hubTool(String token) {
        RequestSpecification request = given().header("Accept", "application/json").header("Content-Type", "application/json")
                .header("User-Agent", "hub-tool/v0.4.6");
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    @Test
    void loginUserOrgsRepositoriesTagsAndDeleteATag() throws Exception {
        String me = Visitor.uniqueName("hubt");
        Visitor browser = People.verified(me);
        String org = Visitor.uniqueName("hubo");
        browser.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        Images.push(me, "password123", me + "/web", "v1", "linux", "amd64");
        Images.push(me, "password123", me + "/web", "v2", "linux", "arm64");

        // hub-tool login: POST /v2/users/login?refresh_token=true with docker's AuthConfig JSON.
        JsonPath login = hubTool(null).body("{\"username\":\"" + me + "\",\"password\":\"password123\"}")
                .post("/v2/users/login?refresh_token=true").then().statusCode(200).extract().jsonPath();
        String token = login.getString("token");
        assertNotNull(token);

        // GetUserInfo: GET /v2/user/
        JsonPath user = hubTool(token).get("/v2/user/").then().statusCode(200).extract().jsonPath();
        assertTrue(user.get("id") instanceof String, "id is a string");
        assertEquals(me, user.getString("username"));
        Instant.parse(user.getString("date_joined"));

        // GetOrganizations: GET /v2/user/orgs/?page_size=100&page=1, then each org's groups and members.
        JsonPath orgs = hubTool(token).queryParam("page_size", 100).queryParam("page", 1).get("/v2/user/orgs/").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(1, orgs.getInt("count"));
        assertEquals(org, orgs.getString("results[0].orgname"));
        assertTrue(orgs.get("results[0].id") instanceof String);
        hubTool(token).queryParam("page_size", 100).queryParam("page", 1).get("/v2/orgs/" + org + "/groups/").then()
                .statusCode(200).body("results[0].name", equalTo("owners")).body("results[0].id", notNullValue());
        hubTool(token).get("/v2/orgs/" + org + "/groups/owners/members/").then().statusCode(200)
                .body("[0].username", equalTo(me));
        hubTool(token).queryParam("page_size", 100).queryParam("page", 1).get("/v2/orgs/" + org + "/members/").then()
                .statusCode(200).body("count", equalTo(1)).body("results[0].username", equalTo(me));
        hubTool(token).get("/v2/orgs/" + org).then().statusCode(200).body("orgname", equalTo(org));

        // GetRepositories: GET /v2/repositories/<account>/?page_size=100&page=1&ordering=last_updated
        JsonPath repos = hubTool(token).queryParam("page_size", 100).queryParam("page", 1).queryParam("ordering", "last_updated")
                .get("/v2/repositories/" + me + "/").then().statusCode(200).extract().jsonPath();
        assertEquals(1, repos.getInt("count"));
        assertNull(repos.get("next"));
        assertEquals("web", repos.getString("results[0].name"));
        assertEquals(false, repos.getBoolean("results[0].is_private"));
        Instant.parse(repos.getString("results[0].last_updated"));
        assertNotNull(repos.get("results[0].pull_count"));
        assertNotNull(repos.get("results[0].star_count"));

        // GetTags: GET /v2/repositories/<repo>/tags/?page_size=100&page=1 (and ordering, with `--sort`).
        JsonPath tags = hubTool(token).queryParam("page_size", 100).queryParam("page", 1).queryParam("ordering", "-name")
                .get("/v2/repositories/" + me + "/web/tags/").then().statusCode(200).extract().jsonPath();
        assertEquals(2, tags.getInt("count"));
        assertEquals(List.of("v2", "v1"), tags.getList("results.name"));
        for (int i = 0; i < 2; i++) {
            String at = "results[" + i + "].";
            assertTrue(tags.getLong(at + "full_size") > 0);
            Instant.parse(tags.getString(at + "last_updated"));
            Instant.parse(tags.getString(at + "tag_last_pushed"));
            assertEquals(me, tags.getString(at + "last_updater_username"));
            assertEquals("active", tags.getString(at + "tag_status"));
            assertEquals("linux", tags.getString(at + "images[0].os"));
            assertTrue(tags.getString(at + "images[0].digest").startsWith("sha256:"));
            assertTrue(tags.getLong(at + "images[0].size") > 0);
        }
        assertEquals("arm64", tags.getString("results[0].images[0].architecture"));

        // RemoveTag: DELETE /v2/repositories/<repo>/tags/<tag>/
        hubTool(token).delete("/v2/repositories/" + me + "/web/tags/v1/").then().statusCode(204);
        hubTool(token).queryParam("page_size", 100).queryParam("page", 1).get("/v2/repositories/" + me + "/web/tags/").then()
                .statusCode(200).body("count", equalTo(1)).body("results[0].name", equalTo("v2"));
        // The registry agrees: the tag is gone there too.
        String pull = given().auth().preemptive().basic(me, "password123").queryParam("service", "hoist")
                .queryParam("scope", "repository:" + me + "/web:pull").get("/token").then().extract().path("token");
        given().header("Authorization", "Bearer " + pull).get("/v2/" + me + "/web/tags/list").then().statusCode(200)
                .body("tags", equalTo(List.of("v2")));

        // RemoveRepository: DELETE /v2/repositories/<repo>/
        hubTool(token).delete("/v2/repositories/" + me + "/web/").then().statusCode(202);
        hubTool(token).get("/v2/repositories/" + me + "/web/").then().statusCode(404);
    }

    /** The README from CI (peter-evans/dockerhub-description and the like): a token logs in, then one PATCH. */
    @Test
    void theReadmeFromCiCall() {
        String me = Visitor.uniqueName("ci");
        Visitor browser = People.verified(me);
        browser.submit("/repository/create", "/repository/create", Map.of("namespace", me, "name", "tool",
                "visibility", "public", "description", "", "readme", "")).then().statusCode(303);
        String page = browser.submit("/settings/tokens", "/settings/tokens",
                Map.of("description", "CI", "scope", "ADMIN", "expires", "30")).asString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("value=\"(hoist_pat_[A-Za-z0-9_-]+)\"").matcher(page);
        assertTrue(m.find());
        String pat = m.group(1);

        String token = given().contentType("application/json").body(Map.of("username", me, "password", pat))
                .post("/v2/users/login").then().statusCode(200).extract().path("token");
        String readme = "# Tool\n\nBuilt by CI. <script>alert(1)</script>\n";
        given().contentType("application/json").header("Authorization", "JWT " + token)
                .body(Map.of("full_description", readme, "description", "The tool, built by CI"))
                .patch("/v2/repositories/" + me + "/tool/").then().statusCode(200)
                .body("full_description", equalTo(readme)).body("description", equalTo("The tool, built by CI"));
        new Visitor().get("/r/" + me + "/tool").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("Built by CI."))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("<script>alert(1)")));
        // A description over 100 characters is refused, and nothing changes.
        given().contentType("application/json").header("Authorization", "Bearer " + token)
                .body(Map.of("full_description", "changed", "description", "d".repeat(101)))
                .patch("/v2/repositories/" + me + "/tool/").then().statusCode(400)
                .body("errors.description[0]", equalTo("Use at most 100 characters."));
        given().header("Authorization", "Bearer " + pat).get("/v2/repositories/" + me + "/tool/").then().statusCode(200)
                .body("full_description", equalTo(readme));
    }
}
