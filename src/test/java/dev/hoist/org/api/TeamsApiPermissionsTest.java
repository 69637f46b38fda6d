package dev.hoist.org.api;

import static dev.hoist.org.api.OrganizationsApiTest.api;
import static dev.hoist.org.api.OrganizationsApiTest.login;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.events.DomainEvent;
import dev.hoist.model.events.MemberAdded;
import dev.hoist.model.events.MemberRemoved;
import dev.hoist.model.events.TeamCreated;
import dev.hoist.model.events.TeamDeleted;
import dev.hoist.model.events.TeamRenamed;
import dev.hoist.support.People;
import dev.hoist.support.RecordedEvents;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may do what with an organization's teams and members through the API: anonymous callers
 * are asked to sign in, outsiders and members are told nothing about teams they may not see
 * (404, as for a missing team), members who may see a team may not change it (403), owners may,
 * and an owner's read-only token may not. Refusals change nothing and fire no event.
 */
@QuarkusTest
class TeamsApiPermissionsTest {

    @Inject
    RecordedEvents events;

    String owner;
    String member;
    String outsider;
    String org;

    @BeforeEach
    void organizationWithTwoTeams() {
        owner = Visitor.uniqueName("tpow");
        Visitor browser = People.verified(owner);
        member = People.newVerified("tpme");
        outsider = People.newVerified("tpou");
        org = Visitor.uniqueName("tporg");
        browser.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        String teams = "/orgs/" + org + "/teams";
        for (String team : new String[] { "devs", "ops" }) {
            browser.submit(teams, teams, Map.of("name", team, "description", "")).then().statusCode(303);
        }
        browser.submit(teams + "/devs", teams + "/devs/members", Map.of("username", member)).then().statusCode(303);
    }

    @Test
    void eachCallerGetsWhatTheyMayKnow() {
        String ownerToken = login(owner);
        String memberToken = login(member);
        String outsiderToken = login(outsider);
        String groups = "/v2/orgs/" + org + "/groups/";
        int before = events.all().size();

        // Anonymous: sign in first, for every change and every team.
        api(null).body(Map.of("name", "qa")).post(groups).then().statusCode(401).body("detail", equalTo(
                "Authentication credentials were not provided."));
        api(null).get(groups + "devs/").then().statusCode(401);
        api(null).delete(groups + "devs/members/" + member).then().statusCode(401);
        api(null).delete("/v2/orgs/" + org + "/members/" + member + "/").then().statusCode(401);

        // An outsider: the organization is public, its teams are not.
        String missing = api(outsiderToken).get(groups + "nosuchteam/").then().statusCode(404).extract().asString();
        assertEquals(missing, api(outsiderToken).get(groups + "devs/").then().statusCode(404).extract().asString());
        api(outsiderToken).body(Map.of("name", "sneaky")).patch(groups + "devs/").then().statusCode(404);
        api(outsiderToken).delete(groups + "devs/").then().statusCode(404);
        api(outsiderToken).body(Map.of("member", outsider)).post(groups + "devs/members/").then().statusCode(404);
        api(outsiderToken).body(Map.of("name", "qa")).post(groups).then().statusCode(403);
        api(outsiderToken).body(Map.of("role", "owner")).put("/v2/orgs/" + org + "/members/" + outsider + "/").then()
                .statusCode(403);

        // A member sees their team but changes nothing; the team they are not in does not exist for them.
        api(memberToken).get(groups + "devs/").then().statusCode(200).body("member_count", equalTo(1));
        api(memberToken).get(groups + "ops/").then().statusCode(404);
        api(memberToken).body(Map.of("name", "devs2")).patch(groups + "devs/").then().statusCode(403);
        api(memberToken).delete(groups + "devs/").then().statusCode(403);
        api(memberToken).body(Map.of("member", outsider)).post(groups + "devs/members/").then().statusCode(403);
        api(memberToken).delete(groups + "devs/members/" + member).then().statusCode(403);
        api(memberToken).body(Map.of("name", "qa")).post(groups).then().statusCode(403);
        api(memberToken).body(Map.of("role", "owner")).put("/v2/orgs/" + org + "/members/" + member + "/").then()
                .statusCode(403);
        api(memberToken).delete("/v2/orgs/" + org + "/members/" + owner + "/").then().statusCode(403);
        api(memberToken).get("/v2/orgs/" + org + "/invites").then().statusCode(403);

        // The owner's read-only token: it reads, it never changes teams.
        String readToken = api(ownerToken).body(Map.of("token_label", "ci", "scopes", List.of("repo:read")))
                .post("/v2/access-tokens").then().statusCode(201).extract().path("token");
        api(readToken).get(groups + "ops/").then().statusCode(200);
        api(readToken).body(Map.of("name", "qa")).post(groups).then().statusCode(403);
        api(readToken).delete(groups + "ops/").then().statusCode(403);

        List<DomainEvent> made = events.all().subList(before, events.all().size());
        assertTrue(made.stream().noneMatch(e -> e instanceof TeamCreated || e instanceof TeamRenamed
                || e instanceof TeamDeleted || e instanceof MemberAdded || e instanceof MemberRemoved),
                "refusals changed nothing: " + made);

        // The owner may do all of it.
        api(ownerToken).body(Map.of("name", "qa")).post(groups).then().statusCode(201).body("name", equalTo("qa"));
        api(ownerToken).get(groups + "ops").then().statusCode(200);
    }

    @Test
    void badInputIsAFieldErrorOrNotFoundNeverAServerError() {
        String token = login(owner);
        String groups = "/v2/orgs/" + org + "/groups/";
        api(token).body("{\"name\":\"qa\\u0000x\"}").post(groups).then().statusCode(400)
                .body("errors.name[0]", containsString("control characters"));
        api(token).body("{\"name\":\"qa\u0000x\"}").post(groups).then().statusCode(400)
                .body("detail", equalTo("The body must be a JSON object."));
        api(token).body("{\"name\":42}").post(groups).then().statusCode(400).body("errors.name[0]", equalTo("Must be a string."));
        api(token).body("{\"name\":\"Has Spaces\"}").post(groups).then().statusCode(400).body("errors.name", notNullValue());
        api(token).body("{\"name\":\"devs\"}").post(groups).then().statusCode(400).body("errors.name[0]", containsString("already"));
        api(token).body("[1,2]").post(groups).then().statusCode(400).body("detail", equalTo("The body must be a JSON object."));
        api(token).body("{\"name\":").post(groups).then().statusCode(400);
        api(token).body(Map.of("name", "x".repeat(5000))).post(groups).then().statusCode(400);
        api(token).body(Map.of("member", "nosuchuser99")).post(groups + "devs/members/").then().statusCode(400)
                .body("errors.member[0]", containsString("no user"));
        api(token).body(Map.of("member", List.of("a"))).post(groups + "devs/members/").then().statusCode(400);
        api(token).delete(groups + "devs/members/" + outsider).then().statusCode(404);
        api(token).delete(groups + "nosuchteam/").then().statusCode(404);
        api(token).body(Map.of("name", "x")).patch(groups + "owners/").then().statusCode(400);
        api(token).delete(groups + "owners/").then().statusCode(400).body("errors.team[0]", containsString("owners"));
        api(token).delete(groups + "owners/members/" + owner).then().statusCode(400)
                .body("detail", containsString("at least one owner"));
        api(token).body(Map.of("role", 7)).put("/v2/orgs/" + org + "/members/" + member + "/").then().statusCode(400);
        api(token).body(Map.of("role", "owner")).put("/v2/orgs/" + org + "/members/nosuchuser99/").then().statusCode(400);
        api(token).body(Map.of("role", "member")).put("/v2/orgs/" + org + "/members/" + outsider + "/").then().statusCode(404);

        // Paging: a huge page_size is 100 at most, a page past the end or of nonsense is 404, in JSON.
        api(token).queryParam("page_size", 1_000_000_000).get("/v2/orgs/" + org + "/members/").then().statusCode(200)
                .body("results.size()", lessThanOrEqualTo(100)).body("count", equalTo(2));
        api(token).queryParam("page_size", 101).get("/v2/orgs/" + org + "/members/").then().statusCode(200)
                .body("next", equalTo(null));
        api(token).queryParam("page", 0).get("/v2/orgs/" + org + "/members/").then().statusCode(404).body("detail",
                equalTo("Invalid page."));
        api(token).queryParam("page", 3).queryParam("page_size", 1).get("/v2/orgs/" + org + "/members/").then()
                .statusCode(404);
        api(token).queryParam("page", "x").get(groups + "devs/members/").then().statusCode(404);
    }
}
