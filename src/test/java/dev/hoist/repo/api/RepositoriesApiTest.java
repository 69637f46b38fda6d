package dev.hoist.repo.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.events.RepositoryCreated;
import dev.hoist.model.events.RepositoryDeleted;
import dev.hoist.model.events.RepositoryUpdated;
import dev.hoist.support.People;
import dev.hoist.support.RecordedEvents;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /v2/repositories/…} and {@code /v2/namespaces/{ns}/repositories}: what the owner does, and what is refused. */
@QuarkusTest
class RepositoriesApiTest {

    @Inject
    RecordedEvents events;

    static RequestSpecification api(String token) {
        RequestSpecification request = given().contentType(ContentType.JSON).accept(ContentType.JSON);
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    static String login(String user) {
        return api(null).body(Map.of("username", user, "password", "password123")).post("/v2/users/login").then()
                .statusCode(200).extract().path("token");
    }

    @Test
    void theOwnerCreatesReadsDescribesHidesAndDeletesARepository() {
        String me = People.newVerified("rapi");
        String token = login(me);
        api(token).body(Map.of("name", "app", "description", "An app", "full_description", "# App\n\nIt runs.",
                "registry", "docker.io", "is_private", false)).post("/v2/namespaces/" + me + "/repositories")
                .then().statusCode(201).body("name", equalTo("app")).body("namespace", equalTo(me))
                .body("description", equalTo("An app")).body("full_description", equalTo("# App\n\nIt runs."))
                .body("is_private", equalTo(false)).body("permissions.admin", equalTo(true))
                .body("repository_type", equalTo("image")).body("date_registered", notNullValue());
        assertTrue(events.of(RepositoryCreated.class).stream().anyMatch(e -> e.repository().equals(me + "/app")));
        api(token).body(Map.of("name", "app")).post("/v2/namespaces/" + me + "/repositories").then().statusCode(409)
                .body("detail", equalTo("A repository " + me + "/app already exists."));

        for (String path : new String[] { "/v2/repositories/" + me + "/app/", "/v2/repositories/" + me + "/app",
                "/v2/namespaces/" + me + "/repositories/app" }) {
            api(token).get(path).then().statusCode(200).body("name", equalTo("app")).body("star_count", equalTo(0))
                    .body("pull_count", equalTo(0)).body("last_updated", notNullValue());
        }
        // The README-from-CI call: both fields echoed; a field left out stays as it was.
        api(token).body(Map.of("description", "Shorter", "full_description", "New README")).patch("/v2/repositories/" + me + "/app/")
                .then().statusCode(200).body("description", equalTo("Shorter")).body("full_description", equalTo("New README"));
        api(token).body(Map.of("full_description", "Only the README")).patch("/v2/repositories/" + me + "/app/")
                .then().statusCode(200).body("description", equalTo("Shorter")).body("full_description", equalTo("Only the README"));
        assertTrue(events.of(RepositoryUpdated.class).stream().anyMatch(e -> e.repository().equals(me + "/app")
                && e.changes().contains(RepositoryUpdated.Change.README)));
        new Visitor().get("/r/" + me + "/app").then().statusCode(200).body(org.hamcrest.Matchers.containsString("Only the README"));

        api(token).body(Map.of("is_private", true)).post("/v2/repositories/" + me + "/app/privacy").then().statusCode(200)
                .body("is_private", equalTo(true));
        api(null).get("/v2/repositories/" + me + "/app/").then().statusCode(404);

        api(token).delete("/v2/repositories/" + me + "/app/").then().statusCode(202);
        assertTrue(events.of(RepositoryDeleted.class).stream().anyMatch(e -> e.repository().equals(me + "/app")));
        api(token).get("/v2/repositories/" + me + "/app/").then().statusCode(404);
    }

    @Test
    void badInputIsAFieldErrorNeverA500() {
        String me = Visitor.uniqueName("rbad");
        Visitor mine = People.verified(me);
        String token = login(me);
        String create = "/v2/namespaces/" + me + "/repositories";
        api(token).body(Map.of("name", "Bad Name!")).post(create).then().statusCode(400).body("errors.name[0]", notNullValue());
        api(token).body(Map.of("description", "x")).post(create).then().statusCode(400)
                .body("errors.name[0]", equalTo("This field is required."));
        api(token).body(Map.of("name", "ok1", "description", "d".repeat(101))).post(create).then().statusCode(400)
                .body("errors.description[0]", equalTo("Use at most 100 characters."));
        api(token).body(Map.of("name", "ok2", "is_private", "yes")).post(create).then().statusCode(400)
                .body("errors.is_private[0]", equalTo("Must be true or false."));
        api(token).body("{\"name\":\"ok3\",\"full_description\":\"a\\u0000b\"}").post(create).then().statusCode(400)
                .body("errors.full_description[0]", equalTo("Must not contain control characters."));
        api(token).body("{\"name\":").post(create).then().statusCode(400);
        api(token).body(Map.of("name", "ok4")).post("/v2/namespaces/nosuchnamespace1/repositories").then().statusCode(404);

        Repos.create(mine, me, "ok5", false, "", "");
        api(token).body(Map.of("description", "d".repeat(101))).patch("/v2/repositories/" + me + "/ok5/").then()
                .statusCode(400).body("errors.description[0]", equalTo("Use at most 100 characters."));
        api(token).body("{}").post("/v2/repositories/" + me + "/ok5/privacy").then().statusCode(400)
                .body("errors.is_private[0]", equalTo("This field is required."));
        api(token).body(Map.of("full_description", "x".repeat(100_001))).patch("/v2/repositories/" + me + "/ok5/").then()
                .statusCode(400).body("errors.full_description[0]", notNullValue());
    }

    @Test
    void listsArePagedAsDockerHubPagesThem() {
        String me = People.newVerified("rlist");
        Repos.createMany(me, "r", 3);
        String token = login(me);
        api(token).queryParam("page_size", 2).get("/v2/repositories/" + me + "/").then().statusCode(200)
                .body("count", equalTo(3)).body("results", hasSize(2)).body("previous", nullValue())
                .body("next", org.hamcrest.Matchers.containsString("page=2"));
        api(token).queryParam("page_size", 2).queryParam("page", 2).get("/v2/repositories/" + me).then().statusCode(200)
                .body("results", hasSize(1)).body("next", nullValue()).body("previous", notNullValue())
                .body("results[0].namespace", equalTo(me)).body("results[0].full_description", nullValue());
        api(token).queryParam("page", 3).queryParam("page_size", 2).get("/v2/repositories/" + me + "/").then().statusCode(404);
        api(token).queryParam("page", "x").get("/v2/repositories/" + me + "/").then().statusCode(404);
        api(null).get("/v2/namespaces/" + me + "/repositories").then().statusCode(200).body("count", equalTo(3));
        api(null).get("/v2/repositories/nosuchnamespace2/").then().statusCode(404);
    }

    @Test
    void anOutsidersAnswerForAPrivateRepositoryIsTheAnswerForAMissingOne() {
        String owner = Visitor.uniqueName("rown");
        Repos.create(People.verified(owner), owner, "secret", true, "", "");
        String outsider = login(People.newVerified("rout"));
        for (String suffix : new String[] { "/", "/tags/", "/tags/latest" }) {
            var hidden = api(outsider).get("/v2/repositories/" + owner + "/secret" + suffix);
            var missing = api(outsider).get("/v2/repositories/" + owner + "/nosuchrepo" + suffix);
            assertEquals(404, hidden.statusCode());
            assertEquals(missing.statusCode(), hidden.statusCode());
            assertEquals(missing.asString(), hidden.asString());
            assertEquals(missing.contentType(), hidden.contentType());
        }
        var hidden = api(outsider).body(Map.of("description", "x")).patch("/v2/repositories/" + owner + "/secret/");
        var missing = api(outsider).body(Map.of("description", "x")).patch("/v2/repositories/" + owner + "/nosuchrepo/");
        assertEquals(404, hidden.statusCode());
        assertEquals(missing.asString(), hidden.asString());
        // An outsider may not create in someone else's namespace; anonymous callers must sign in.
        api(outsider).body(Map.of("name", "mine")).post("/v2/namespaces/" + owner + "/repositories").then().statusCode(403);
        api(null).body(Map.of("name", "mine")).post("/v2/namespaces/" + owner + "/repositories").then().statusCode(401);
    }
}
