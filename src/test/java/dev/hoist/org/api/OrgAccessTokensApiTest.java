package dev.hoist.org.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.Repo;
import dev.hoist.model.events.OrganizationTokenCreated;
import dev.hoist.model.events.OrganizationTokenDeactivated;
import dev.hoist.model.events.OrganizationTokenRevoked;
import dev.hoist.model.events.OrganizationTokenUpdated;
import dev.hoist.support.OrgTokens;
import dev.hoist.support.People;
import dev.hoist.support.RecordedEvents;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /v2/orgs/{org}/access-tokens}, replayed as the Terraform provider's
 * {@code docker_org_access_token} sends it, with the permission matrix and hostile input.
 */
@QuarkusTest
class OrgAccessTokensApiTest {

    @Inject
    RecordedEvents recorded;

    private static String ownerWithOrg(String prefix, Visitor[] visitor, String[] org) {
        String owner = Visitor.uniqueName(prefix);
        visitor[0] = People.verified(owner);
        org[0] = OrgTokens.organization(visitor[0], prefix + "o");
        return owner;
    }

    @Test
    void theTerraformConversation() {
        Visitor[] v = new Visitor[1];
        String[] o = new String[1];
        String owner = ownerWithOrg("tfoat", v, o);
        String org = o[0];
        String jwt = OrganizationsApiTest.login(owner);
        String expires = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        int before = recorded.of(OrganizationTokenCreated.class).size();

        Response created = OrganizationsApiTest.api(jwt).body(Map.of("label", "ci-token", "description", "Token for CI pulls",
                "resources", List.of(Map.of("type", "TYPE_REPO", "path", org + "/*", "scopes", List.of("scope-image-pull"))),
                "expires_at", expires)).post("/v2/orgs/" + org + "/access-tokens");
        created.then().statusCode(201).body("label", equalTo("ci-token")).body("description", equalTo("Token for CI pulls"))
                .body("created_by", equalTo(owner)).body("is_active", equalTo(true)).body("created_at", notNullValue())
                .body("expires_at", startsWith(expires.substring(0, 16))).body("token", startsWith("hoist_oat_"))
                .body("resources[0].type", equalTo("TYPE_REPO")).body("resources[0].path", equalTo(org + "/*"))
                .body("resources[0].scopes", equalTo(List.of("scope-image-pull")));
        String id = created.path("id");
        assertEquals(before + 1, recorded.of(OrganizationTokenCreated.class).size());
        assertTrue(recorded.of(OrganizationTokenCreated.class).stream().noneMatch(e -> e.toString().contains("hoist_oat_")));

        OrganizationsApiTest.api(jwt).get("/v2/orgs/" + org + "/access-tokens/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("$", not(hasKey("token"))).body("last_used_at", nullValue());
        // The provider's update sends label, description and resources, all three.
        OrganizationsApiTest.api(jwt).body(Map.of("label", "ci-token-2", "description", "",
                "resources", List.of(Map.of("type", "TYPE_REPO", "path", org + "/app", "scopes", List.of("repo-pull", "repo-push")))))
                .patch("/v2/orgs/" + org + "/access-tokens/" + id).then().statusCode(200)
                .body("label", equalTo("ci-token-2")).body("resources[0].scopes", equalTo(List.of("repo-pull", "repo-push")));
        assertEquals(List.of("label", "description", "resources"),
                recorded.of(OrganizationTokenUpdated.class).stream().filter(e -> e.tokenId().equals(id)).findFirst().orElseThrow().changes());
        OrganizationsApiTest.api(jwt).get("/v2/orgs/" + org + "/access-tokens/").then().statusCode(200)
                .body("count", equalTo(1)).body("results[0].id", equalTo(id)).body("results[0]", not(hasKey("token")));

        OrganizationsApiTest.api(jwt).body(Map.of("is_active", false)).patch("/v2/orgs/" + org + "/access-tokens/" + id + "/")
                .then().statusCode(200).body("is_active", equalTo(false));
        assertTrue(recorded.of(OrganizationTokenDeactivated.class).stream().anyMatch(e -> e.tokenId().equals(id) && owner.equals(e.actor())));

        OrganizationsApiTest.api(jwt).delete("/v2/orgs/" + org + "/access-tokens/" + id).then().statusCode(204);
        assertTrue(recorded.of(OrganizationTokenRevoked.class).stream().anyMatch(e -> e.tokenId().equals(id)));
        OrganizationsApiTest.api(jwt).get("/v2/orgs/" + org + "/access-tokens/" + id).then().statusCode(404);
        OrganizationsApiTest.api(jwt).delete("/v2/orgs/" + org + "/access-tokens/" + id).then().statusCode(404);
    }

    @Test
    void onlyOwnersManageTokensAndNoTokenManagesTokens() {
        Visitor[] v = new Visitor[1];
        String[] o = new String[1];
        String owner = ownerWithOrg("mxoat", v, o);
        String org = o[0];
        String member = People.newVerified("mxmem");
        String outsider = People.newVerified("mxout");
        v[0].submit("/orgs/" + org + "/teams", "/orgs/" + org + "/teams", Map.of("name", "devs", "description", ""))
                .then().statusCode(303);
        v[0].submit("/orgs/" + org + "/teams/devs", "/orgs/" + org + "/teams/devs/members", Map.of("username", member))
                .then().statusCode(303);
        OrgTokens.Made token = OrgTokens.create(owner, org, Map.of(org + "/*", OrgTokens.DELETE));
        String path = "/v2/orgs/" + org + "/access-tokens";
        Map<String, Object> body = OrgTokens.body("x", Map.of(org + "/*", OrgTokens.DELETE), null);
        int events = recorded.of(OrganizationTokenCreated.class).size();

        OrgTokens.post(outsider, org, body).then().statusCode(404);
        OrgTokens.post(member, org, body).then().statusCode(403);
        OrganizationsApiTest.api(null).body(body).post(path).then().statusCode(401);
        given().auth().preemptive().basic(outsider, "password123").get(path).then().statusCode(404);
        given().auth().preemptive().basic(member, "password123").get(path + "/" + token.id()).then().statusCode(403);
        given().auth().preemptive().basic(outsider, "password123").delete(path + "/" + token.id()).then().statusCode(404);
        // The outsider's 404 for a real organization is the same as for none at all.
        String real = given().auth().preemptive().basic(outsider, "password123").get(path).asString();
        String none = given().auth().preemptive().basic(outsider, "password123").get("/v2/orgs/nosuchorgxyz/access-tokens").asString();
        assertEquals(none, real);

        // No token makes, widens or revives tokens: the organization's own (even with delete scope), nor the owner's personal one.
        OrganizationsApiTest.api(token.secret()).body(body).post(path).then().statusCode(403);
        OrganizationsApiTest.api(token.secret()).body(Map.of("resources", List.of(Map.of("type", "TYPE_REPO", "path", org + "/*",
                "scopes", OrgTokens.DELETE)))).patch(path + "/" + token.id()).then().statusCode(403);
        OrganizationsApiTest.api(token.secret()).delete(path + "/" + token.id()).then().statusCode(403);
        String pat = given().auth().preemptive().basic(owner, "password123").contentType("application/json")
                .body(Map.of("token_label", "mine", "scopes", List.of("repo:admin"))).post("/v2/access-tokens")
                .then().statusCode(201).extract().path("token");
        OrganizationsApiTest.api(pat).body(body).post(path).then().statusCode(403);
        assertEquals(events, recorded.of(OrganizationTokenCreated.class).size());
    }

    @Test
    void badInputIsRefusedWithFieldErrorsNeverA500() {
        Visitor[] v = new Visitor[1];
        String[] o = new String[1];
        String owner = ownerWithOrg("badoat", v, o);
        String org = o[0];
        List<Map<String, Object>> bodies = List.of(
                OrgTokens.body("nul\u0000label", Map.of(org + "/*", OrgTokens.PULL), null),
                OrgTokens.body("ok", Map.of(org + "/app\u0000", OrgTokens.PULL), null),
                OrgTokens.body("ok", Map.of("otherorg/*", OrgTokens.PULL), null),
                OrgTokens.body("ok", Map.of(org + "/../x", OrgTokens.PULL), null),
                OrgTokens.body("ok", Map.of(org + "/*", List.of("repo-push")), null),
                OrgTokens.body("ok", Map.of(org + "/*", List.of("repo-pull", "repo-delete")), null),
                OrgTokens.body("ok", Map.of(org + "/*", List.of("admin")), null),
                OrgTokens.body("ok", Map.of("*/*/public", OrgTokens.PUSH), null),
                OrgTokens.body("ok", Map.of(), null),
                OrgTokens.body("", Map.of(org + "/*", OrgTokens.PULL), null),
                OrgTokens.body("ok", Map.of(org + "/*", OrgTokens.PULL), "yesterday"),
                OrgTokens.body("ok", Map.of(org + "/*", OrgTokens.PULL), "2001-01-01T00:00:00Z"),
                Map.of("label", "ok", "resources", List.of(Map.of("type", "TYPE_ORG", "path", org, "scopes", List.of("x")))),
                Map.of("label", "ok", "resources", "everything"),
                Map.of("label", "ok", "resources", List.of("x")));
        for (Map<String, Object> body : bodies) {
            Response answer = OrgTokens.post(owner, org, body);
            assertEquals(400, answer.statusCode(), body + " → " + answer.asString());
        }
        given().auth().preemptive().basic(owner, "password123").contentType("application/json").body("{\"label\": ")
                .post("/v2/orgs/" + org + "/access-tokens").then().statusCode(400);
        given().auth().preemptive().basic(owner, "password123").get("/v2/orgs/" + org + "/access-tokens/not-a-uuid")
                .then().statusCode(404);
        int nulInPath = given().urlEncodingEnabled(false).auth().preemptive().basic(owner, "password123")
                .get("/v2/orgs/" + org + "%00/access-tokens").statusCode();
        assertTrue(nulInPath == 400 || nulInPath == 404, "a NUL in the path answered " + nulInPath);
        OrgTokens.Made token = OrgTokens.create(owner, org, Map.of(org + "/app", OrgTokens.PULL));
        // Widening a token's reach to another organization on PATCH is refused like on creation.
        given().auth().preemptive().basic(owner, "password123").contentType("application/json")
                .body(Map.of("resources", List.of(Map.of("type", "TYPE_REPO", "path", "library/*", "scopes", OrgTokens.DELETE))))
                .patch("/v2/orgs/" + org + "/access-tokens/" + token.id()).then().statusCode(400);
        given().auth().preemptive().basic(owner, "password123").contentType("application/json")
                .body(Map.of("expires_at", "2099-01-01T00:00:00Z"))
                .patch("/v2/orgs/" + org + "/access-tokens/" + token.id()).then().statusCode(400);
    }

    @Test
    void anOrganizationTokenReadsTheApiWithinItsScopesAndNothingElse() {
        Visitor[] v = new Visitor[1];
        String[] o = new String[1];
        String owner = ownerWithOrg("apioat", v, o);
        String org = o[0];
        for (String name : new String[] { "app", "secret" }) {
            Repos.create(v[0], org, name, false, "", "");
            QuarkusTransaction.requiringNew().run(() -> Repo.byName(org, name).orElseThrow().isPrivate = true);
        }
        OrgTokens.Made token = OrgTokens.create(owner, org, Map.of(org + "/app", OrgTokens.PULL));

        OrganizationsApiTest.api(token.secret()).get("/v2/repositories/" + org + "/app/").then().statusCode(200)
                .body("is_private", equalTo(true));
        Response hidden = OrganizationsApiTest.api(token.secret()).get("/v2/repositories/" + org + "/secret/");
        Response missing = OrganizationsApiTest.api(token.secret()).get("/v2/repositories/" + org + "/nosuch/");
        assertEquals(404, hidden.statusCode());
        assertEquals(missing.asString(), hidden.asString());
        // Changes need a person: the README of a repository it may only pull is not its to write.
        OrganizationsApiTest.api(token.secret()).body(Map.of("full_description", "pwned"))
                .patch("/v2/repositories/" + org + "/app/").then().statusCode(403);

        // Docker Hub's exchange of an organization token for an API token: it lives as long as the token.
        String access = OrganizationsApiTest.api(null).body(Map.of("identifier", org, "secret", token.secret()))
                .post("/v2/auth/token").then().statusCode(200).extract().path("access_token");
        OrganizationsApiTest.api(access).get("/v2/repositories/" + org + "/app/").then().statusCode(200);
        OrganizationsApiTest.api(null).body(Map.of("identifier", owner, "secret", token.secret()))
                .post("/v2/auth/token").then().statusCode(401);
        OrgTokens.revoke(owner, org, token.id());
        OrganizationsApiTest.api(access).get("/v2/repositories/" + org + "/app/").then().statusCode(401);
        OrganizationsApiTest.api(token.secret()).get("/v2/repositories/" + org + "/app/").then().statusCode(401);
    }
}
