package dev.hoist.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.events.MemberAdded;
import dev.hoist.model.events.MemberRemoved;
import dev.hoist.model.events.PermissionGranted;
import dev.hoist.model.events.PermissionRevoked;
import dev.hoist.model.events.TeamCreated;
import dev.hoist.model.events.TeamDeleted;
import dev.hoist.model.events.TeamRenamed;
import dev.hoist.support.People;
import dev.hoist.support.RecordedEvents;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Terraform provider's organization, team and repository-permission conversation
 * (docker/terraform-provider-docker, internal/hubclient: client.go, client_organization.go,
 * client_repository.go), replayed as it sends it: its User-Agent, {@code Content-Type} and
 * {@code Accept} on every request, {@code Authorization: Bearer <token from /v2/users/login/>},
 * Go's JSON with every field of its structs (zero values included), and its paths with and
 * without their trailing slashes. Each answer is checked for the fields the provider decodes.
 */
@QuarkusTest
class TerraformTeamsConversationTest {

    @Inject
    RecordedEvents events;

    /** client.go: roundTripper sets the User-Agent; sendRequest the two JSON headers and the token. */
    private static RequestSpecification provider(String token) {
        RequestSpecification request = given().header("User-Agent", "terraform-provider-docker/0.4.0")
                .header("Content-Type", "application/json").header("Accept", "application/json");
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    /** ensureValidToken: POST {BaseURL}/users/login/ with Auth{username, password}, reads token and its exp claim. */
    private static String login(String user) {
        String token = provider(null).body("{\"username\":\"" + user + "\",\"password\":\"password123\"}")
                .post("/v2/users/login/").then().statusCode(200).extract().path("token");
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(JsonPath.from(payload).getLong("exp") > Instant.now().getEpochSecond(), "the token carries exp");
        return token;
    }

    @Test
    void teamsMembersAndRepositoryPermissionsAsTheProviderManagesThem() {
        String owner = Visitor.uniqueName("tfow");
        Visitor browser = People.verified(owner);
        String member = People.newVerified("tfme");
        String org = Visitor.uniqueName("tforg");
        browser.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        String token = login(owner);

        // GetOrg: GET /orgs/{org}/ → Org{id (string), orgname, full_name, location, company, date_joined}.
        JsonPath got = provider(token).get("/v2/orgs/" + org + "/").then().statusCode(200).extract().jsonPath();
        assertTrue(got.get("id") instanceof String);
        assertEquals(org, got.getString("orgname"));
        for (String field : new String[] { "full_name", "location", "company" }) {
            assertTrue(got.get(field) instanceof String, field);
        }
        Instant.parse(got.getString("date_joined"));

        // CreateOrgTeam: POST /orgs/{org}/groups/ with OrgTeam marshalled whole → OrgTeam{id (int64), name, description}.
        JsonPath team = provider(token)
                .body("{\"id\":0,\"uuid\":\"\",\"name\":\"builders\",\"description\":\"Build things\",\"member_count\":0}")
                .post("/v2/orgs/" + org + "/groups/").then().statusCode(201).extract().jsonPath();
        long teamId = team.getLong("id");
        assertTrue(teamId > 0);
        assertEquals("builders", team.getString("name"));
        assertEquals("Build things", team.getString("description"));
        assertTrue(events.of(TeamCreated.class).stream().anyMatch(e -> e.organization().equals(org) && e.team().equals("builders")));

        // GetOrgTeam: GET /orgs/{org}/groups/{team}/.
        provider(token).get("/v2/orgs/" + org + "/groups/builders/").then().statusCode(200)
                .body("id", equalTo((int) teamId)).body("name", equalTo("builders")).body("member_count", equalTo(0));

        // UpdateOrgTeam: PATCH with the old name in the path, the new one in the body.
        provider(token).body("{\"id\":0,\"uuid\":\"\",\"name\":\"makers\",\"description\":\"Make things\",\"member_count\":0}")
                .patch("/v2/orgs/" + org + "/groups/builders/").then().statusCode(200)
                .body("id", equalTo((int) teamId)).body("name", equalTo("makers")).body("description", equalTo("Make things"));
        assertTrue(events.of(TeamRenamed.class).stream().anyMatch(e -> e.organization().equals(org)));

        // AddOrgTeamMember: POST /orgs/{org}/groups/{team}/members/ {member}; the answer is not decoded.
        provider(token).body("{\"member\":\"" + member + "\"}").post("/v2/orgs/" + org + "/groups/makers/members/").then()
                .statusCode(200);
        assertTrue(events.of(MemberAdded.class).stream().anyMatch(e -> e.organization().equals(org) && e.member().equals(member)));

        // ListOrgTeamMembers (the resource's Read): a page whose results carry username.
        provider(token).get("/v2/orgs/" + org + "/groups/makers/members/").then().statusCode(200).body("count", equalTo(1))
                .body("results.username", hasItem(member));

        // ListOrgMembers: GET /orgs/{org}/members, then each next with the base trimmed off.
        String base = RestAssured.baseURI + ":" + RestAssured.port + "/v2";
        JsonPath page = provider(token).queryParam("page_size", 1).get("/v2/orgs/" + org + "/members").then().statusCode(200)
                .body("count", equalTo(2)).extract().jsonPath();
        String next = page.getString("next");
        assertTrue(next.startsWith(base + "/orgs/" + org + "/members"), next);
        JsonPath second = provider(token).get("/v2" + next.substring(base.length())).then().statusCode(200).extract().jsonPath();
        Map<String, Object> both = Map.of(page.getString("results[0].username"), page.getMap("results[0]"),
                second.getString("results[0].username"), second.getMap("results[0]"));
        assertEquals("Owner", ((Map<?, ?>) both.get(owner)).get("role"));
        assertEquals("Member", ((Map<?, ?>) both.get(member)).get("role"));
        assertEquals(java.util.List.of("makers"), ((Map<?, ?>) both.get(member)).get("groups"));
        assertEquals(false, ((Map<?, ?>) both.get(member)).get("is_guest"));

        // A repository, then the team's permission on it (client_repository.go, TeamRepoPermission).
        provider(token).body("{\"name\":\"app\",\"description\":\"\",\"full_description\":\"\",\"registry\":\"\",\"is_private\":true}")
                .post("/v2/namespaces/" + org + "/repositories").then().statusCode(201);
        String repo = "/v2/repositories/" + org + "/app/groups/";
        provider(token).body("{\"group_id\":" + teamId + ",\"group_name\":\"\",\"permission\":\"write\"}").post(repo).then()
                .statusCode(201).body("group_id", equalTo((int) teamId)).body("group_name", equalTo("makers"))
                .body("permission", equalTo("write"));
        provider(token).get(repo + teamId + "/").then().statusCode(200).body("permission", equalTo("write"));
        provider(token).body("{\"group_id\":0,\"group_name\":\"\",\"permission\":\"admin\"}").patch(repo + teamId + "/").then()
                .statusCode(200).body("permission", equalTo("admin"));
        assertTrue(events.of(PermissionGranted.class).stream()
                .anyMatch(e -> e.repository().equals(org + "/app") && e.permission().equals("ADMIN")));
        // The grant is real: the member now administers the private repository.
        provider(login(member)).get("/v2/repositories/" + org + "/app/").then().statusCode(200)
                .body("permissions.admin", equalTo(true));
        provider(token).delete(repo + teamId + "/").then().statusCode(204);
        assertTrue(events.of(PermissionRevoked.class).stream().anyMatch(e -> e.repository().equals(org + "/app")));
        // Read after delete: the provider looks for "not found" in the error to drop the resource.
        provider(token).get(repo + teamId + "/").then().statusCode(404).body(containsString("Not found"));

        // DeleteOrgTeamMember: DELETE /orgs/{org}/groups/{team}/members/{user} (no slash).
        provider(token).delete("/v2/orgs/" + org + "/groups/makers/members/" + member).then().statusCode(204);
        provider(token).get("/v2/orgs/" + org + "/groups/makers/members/").then().statusCode(200).body("count", equalTo(0));
        assertTrue(events.of(MemberRemoved.class).stream().anyMatch(e -> e.organization().equals(org) && e.member().equals(member)));

        // DeleteOrgTeam: DELETE /orgs/{org}/groups/{team}/, then Read finds it gone.
        provider(token).delete("/v2/orgs/" + org + "/groups/makers/").then().statusCode(204);
        provider(token).get("/v2/orgs/" + org + "/groups/makers/").then().statusCode(404).body(containsString("Not found"));
        assertTrue(events.of(TeamDeleted.class).stream().anyMatch(e -> e.organization().equals(org)));
    }

    @Test
    void membersInvitationsAndRolesAsTheProviderAsksForThem() {
        String owner = Visitor.uniqueName("tfio");
        Visitor browser = People.verified(owner);
        String other = People.newVerified("tfin");
        String org = Visitor.uniqueName("tfiorg");
        browser.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        String token = login(owner);

        // InviteOrgMember: POST /invites/bulk. Hoist has no invitations: 501 saying what to do instead.
        provider(token).body("{\"org\":\"" + org + "\",\"team\":\"\",\"invitees\":[\"" + other + "\"],\"role\":\"member\","
                + "\"dry_run\":false}").post("/v2/invites/bulk").then().statusCode(501)
                .body("detail", containsString("groups/{team}/members")).body("message", containsString("invitations"));
        // ListOrgInvites: {data: []}, owners only.
        provider(token).get("/v2/orgs/" + org + "/invites").then().statusCode(200).body("data.size()", equalTo(0));
        provider(login(other)).get("/v2/orgs/" + org + "/invites").then().statusCode(403);

        // PUT /orgs/{org}/members/{user}/ {role}: owner puts them in the owners team.
        provider(token).body("{\"role\":\"owner\"}").put("/v2/orgs/" + org + "/members/" + other + "/").then().statusCode(200)
                .body("username", equalTo(other)).body("role", equalTo("Owner")).body("groups", hasItem("owners"));
        // "member" for someone in no other team would leave them outside: refused, with the reason.
        provider(token).body("{\"role\":\"member\"}").put("/v2/orgs/" + org + "/members/" + other).then().statusCode(400)
                .body("errors.role[0]", containsString("no other team"));
        provider(token).body("{\"role\":\"editor\"}").put("/v2/orgs/" + org + "/members/" + other + "/").then()
                .statusCode(400).body("errors.role[0]", containsString("editor"));

        // Delete: DeleteOrgInvite fails (no such invitation), so DeleteOrgMember: DELETE /orgs/{org}/members/{user}/.
        provider(token).delete("/v2/invites/0123").then().statusCode(404).body("detail", containsString("Not found"));
        provider(token).delete("/v2/orgs/" + org + "/members/" + other + "/").then().statusCode(204);
        provider(token).get("/v2/orgs/" + org + "/members").then().statusCode(200).body("count", equalTo(1))
                .body("results.username", not(hasItem(other)));
        provider(token).delete("/v2/orgs/" + org + "/members/" + other + "/").then().statusCode(404);
        // The last owner stays.
        provider(token).delete("/v2/orgs/" + org + "/members/" + owner + "/").then().statusCode(400)
                .body("detail", notBlank());
    }

    private static org.hamcrest.Matcher<String> notBlank() {
        return not(equalTo(""));
    }
}
