package dev.hoist.org.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What hub-tool reads of organizations: the caller's, one's profile, its members and teams, as Access lets each see them. */
@QuarkusTest
class OrganizationsApiTest {

    static RequestSpecification api(String token) {
        RequestSpecification request = given().contentType(ContentType.JSON).accept(ContentType.JSON);
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    static String login(String user) {
        return api(null).body(Map.of("username", user, "password", "password123")).post("/v2/users/login").then()
                .statusCode(200).extract().path("token");
    }

    @Test
    void ownersMembersAndOutsidersSeeWhatTheyMay() {
        String owner = Visitor.uniqueName("oown");
        Visitor ownerVisitor = People.verified(owner);
        String member = People.newVerified("omem");
        String outsider = People.newVerified("oout");
        String org = Visitor.uniqueName("oorg");
        ownerVisitor.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        String teams = "/orgs/" + org + "/teams";
        for (String team : new String[] { "devs", "ops" }) {
            ownerVisitor.submit(teams, teams, Map.of("name", team, "description", "The " + team)).then().statusCode(303);
        }
        ownerVisitor.submit(teams + "/devs", teams + "/devs/members", Map.of("username", member)).then().statusCode(303);

        String ownerToken = login(owner);
        String memberToken = login(member);
        String outsiderToken = login(outsider);

        api(ownerToken).get("/v2/user/orgs/").then().statusCode(200).body("count", equalTo(1))
                .body("results[0].orgname", equalTo(org)).body("results[0].type", equalTo("Organization"));
        api(outsiderToken).get("/v2/user/orgs/").then().statusCode(200).body("count", equalTo(0));
        for (String path : new String[] { "/v2/orgs/" + org, "/v2/orgs/" + org + "/" }) {
            api(outsiderToken).get(path).then().statusCode(200).body("orgname", equalTo(org));
        }
        api(ownerToken).get("/v2/orgs/nosuchorg1/").then().statusCode(404);

        api(ownerToken).get("/v2/orgs/" + org + "/members/").then().statusCode(200).body("count", equalTo(2))
                .body("results.username", containsInAnyOrder(owner, member));
        api(memberToken).get("/v2/orgs/" + org + "/members/").then().statusCode(200).body("count", equalTo(2));
        api(outsiderToken).get("/v2/orgs/" + org + "/members/").then().statusCode(403);
        api(null).get("/v2/orgs/" + org + "/members/").then().statusCode(401);

        api(ownerToken).get("/v2/orgs/" + org + "/groups/").then().statusCode(200).body("count", equalTo(3))
                .body("results.name", containsInAnyOrder("devs", "ops", "owners"));
        // A member sees only their own teams.
        api(memberToken).get("/v2/orgs/" + org + "/groups/").then().statusCode(200).body("count", equalTo(1))
                .body("results[0].name", equalTo("devs")).body("results[0].member_count", equalTo(1));
        api(outsiderToken).get("/v2/orgs/" + org + "/groups/").then().statusCode(403);

        api(ownerToken).get("/v2/orgs/" + org + "/groups/devs/members/").then().statusCode(200)
                .body("username", contains(member));
        api(memberToken).get("/v2/orgs/" + org + "/groups/owners/members/").then().statusCode(404);
        api(ownerToken).get("/v2/orgs/" + org + "/groups/owners/members").then().statusCode(200).body("username", hasItem(owner));
    }
}
