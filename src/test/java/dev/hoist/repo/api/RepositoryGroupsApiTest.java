package dev.hoist.repo.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.events.PermissionGranted;
import dev.hoist.model.events.StarAdded;
import dev.hoist.model.events.StarRemoved;
import dev.hoist.support.People;
import dev.hoist.support.RecordedEvents;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Team permissions on a repository ({@code /v2/repositories/{ns}/{name}/groups/}), stars
 * ({@code …/stars/}) and the repository list's {@code ordering}, for every kind of caller: a
 * private repository is not found for who may not read it, byte for byte as a missing one.
 */
@QuarkusTest
class RepositoryGroupsApiTest {

    @Inject
    RecordedEvents events;

    String owner;
    String reader;
    String outsider;
    String org;
    long devs;

    @BeforeEach
    void privateRepositoryWithAReadingTeam() {
        owner = Visitor.uniqueName("rgow");
        People.verified(owner).submit("/orgs/new", "/orgs/new", Map.of("name", org = Visitor.uniqueName("rgorg")))
                .then().statusCode(303);
        reader = People.newVerified("rgre");
        outsider = People.newVerified("rgou");
        String token = login(owner);
        api(token).body(Map.of("name", "secret", "is_private", true)).post("/v2/namespaces/" + org + "/repositories")
                .then().statusCode(201);
        api(token).body(Map.of("name", "public")).post("/v2/namespaces/" + org + "/repositories").then().statusCode(201);
        devs = api(token).body(Map.of("name", "devs")).post("/v2/orgs/" + org + "/groups/").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        api(token).body(Map.of("member", reader)).post("/v2/orgs/" + org + "/groups/devs/members/").then().statusCode(200);
        api(token).body(Map.of("group_id", devs, "permission", "read")).post("/v2/repositories/" + org + "/secret/groups/")
                .then().statusCode(201);
    }

    @Test
    void permissionMatrixOnTeamPermissions() {
        String groups = "/v2/repositories/" + org + "/secret/groups/";
        String ownerToken = login(owner);
        api(null).get(groups).then().statusCode(401);
        api(null).body(Map.of("group_id", devs, "permission", "admin")).post(groups).then().statusCode(401);

        String missing = api(login(outsider)).get("/v2/repositories/" + org + "/nosuch/groups/" + devs + "/").then()
                .statusCode(404).extract().asString();
        String hidden = api(login(outsider)).get(groups + devs + "/").then().statusCode(404).extract().asString();
        assertEquals(missing, hidden);
        api(login(outsider)).body(Map.of("group_id", devs, "permission", "admin")).post(groups).then().statusCode(404);

        // The reading team's member reads the repository, and may not give itself more.
        String readerToken = login(reader);
        api(readerToken).get("/v2/repositories/" + org + "/secret/").then().statusCode(200);
        int granted = events.of(PermissionGranted.class).size();
        api(readerToken).body(Map.of("group_id", devs, "permission", "admin")).post(groups).then().statusCode(403);
        api(readerToken).body(Map.of("permission", "admin")).patch(groups + devs + "/").then().statusCode(403);
        api(readerToken).delete(groups + devs + "/").then().statusCode(403);
        assertEquals(granted, events.of(PermissionGranted.class).size(), "a refusal grants nothing");

        // The owner's write token: below Admin, so it manages no permission.
        String writeToken = api(ownerToken).body(Map.of("token_label", "ci", "scopes", java.util.List.of("repo:write")))
                .post("/v2/access-tokens").then().statusCode(201).extract().path("token");
        api(writeToken).get(groups).then().statusCode(403);
        api(writeToken).body(Map.of("group_id", devs, "permission", "admin")).post(groups).then().statusCode(403);

        api(ownerToken).get(groups).then().statusCode(200).body("count", equalTo(1)).body("results[0].group_name",
                equalTo("devs")).body("results[0].permission", equalTo("read"));
    }

    @Test
    void badInputIsAFieldErrorOrNotFound() {
        String groups = "/v2/repositories/" + org + "/secret/groups/";
        String token = login(owner);
        api(token).body(Map.of("group_id", "devs", "permission", "read")).post(groups).then().statusCode(400)
                .body("errors.group_id[0]", equalTo("Must be a whole number."));
        api(token).body(Map.of("group_id", 1.5, "permission", "read")).post(groups).then().statusCode(400);
        api(token).body(Map.of("permission", "read")).post(groups).then().statusCode(400)
                .body("errors.group_id[0]", equalTo("This field is required."));
        api(token).body(Map.of("group_id", 999_999_999L, "permission", "read")).post(groups).then().statusCode(400)
                .body("errors.group_id[0]", containsString("no such team"));
        api(token).body(Map.of("group_id", devs, "permission", "owner")).post(groups).then().statusCode(400)
                .body("errors.permission", notNullValue());
        api(token).body(Map.of("group_id", devs, "permission", "re\u0000ad")).post(groups).then().statusCode(400);
        api(token).get(groups + "99999999999999999999/").then().statusCode(404);
        api(token).get(groups + "abc/").then().statusCode(404);
        api(token).body(Map.of("permission", "write")).patch(groups + "999999/").then().statusCode(404);
        // A team of another organization is no team here.
        String otherOrg = Visitor.uniqueName("rgoth");
        Visitor otherOwner = People.verified(Visitor.uniqueName("rgo3"));
        otherOwner.submit("/orgs/new", "/orgs/new", Map.of("name", otherOrg)).then().statusCode(303);
        long otherTeam = teamId(otherOrg);
        api(token).body(Map.of("group_id", otherTeam, "permission", "read")).post(groups).then().statusCode(400);
        api(token).get(groups + otherTeam + "/").then().statusCode(404);
        // ordering: known values only.
        api(token).queryParam("ordering", "bogus").get("/v2/repositories/" + org + "/").then().statusCode(400)
                .body("errors.ordering[0]", containsString("last_updated"));
        api(token).queryParam("ordering", "name").get("/v2/repositories/" + org + "/").then().statusCode(200)
                .body("results.name", contains("public", "secret"));
        api(token).queryParam("ordering", "-name").get("/v2/namespaces/" + org + "/repositories").then().statusCode(200)
                .body("results.name", contains("secret", "public"));
        api(token).queryParam("ordering", "last_updated").get("/v2/repositories/" + org + "/").then().statusCode(200)
                .body("results.name", contains("secret", "public"));
        api(token).queryParam("ordering", "-last_updated").get("/v2/repositories/" + org + "/").then().statusCode(200)
                .body("results.name", contains("public", "secret"));
    }

    @Test
    void starsAreIdempotentAndPrivateRepositoriesAreNotFoundForOutsiders() {
        String stars = "/v2/repositories/" + org + "/secret/stars/";
        String readerToken = login(reader);
        api(null).post(stars).then().statusCode(401);
        api(readerToken).post(stars).then().statusCode(200).body("star_count", equalTo(1)).body("has_starred", equalTo(true));
        api(readerToken).post(stars).then().statusCode(200).body("star_count", equalTo(1));
        assertTrue(events.of(StarAdded.class).stream().anyMatch(e -> e.repository().equals(org + "/secret")));
        api(readerToken).delete(stars.substring(0, stars.length() - 1)).then().statusCode(200).body("star_count", equalTo(0))
                .body("has_starred", equalTo(false));
        assertTrue(events.of(StarRemoved.class).stream().anyMatch(e -> e.repository().equals(org + "/secret")));

        String outsiderToken = login(outsider);
        String missing = api(outsiderToken).post("/v2/repositories/" + org + "/nosuch/stars/").then().statusCode(404)
                .extract().asString();
        assertEquals(missing, api(outsiderToken).post(stars).then().statusCode(404).extract().asString());
        api(outsiderToken).post("/v2/repositories/" + org + "/public/stars/").then().statusCode(200)
                .body("star_count", equalTo(1));
        api(login(owner)).get("/v2/repositories/" + org + "/public/").then().body("star_count", equalTo(1));
    }

    private static io.restassured.specification.RequestSpecification api(String token) {
        var request = given().contentType(io.restassured.http.ContentType.JSON).accept(io.restassured.http.ContentType.JSON);
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private static String login(String user) {
        return api(null).body(Map.of("username", user, "password", "password123")).post("/v2/users/login").then()
                .statusCode(200).extract().path("token");
    }

    private long teamId(String organization) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> dev.hoist.model.Team
                .findByName(dev.hoist.model.Organization.findByName(organization).orElseThrow(), "owners").orElseThrow().id);
    }
}
