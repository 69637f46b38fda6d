package dev.hoist.search.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.hoist.support.People;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /v2/search/repositories/}: Docker Hub's result fields; private results only for who may read them. */
@QuarkusTest
class HubSearchTest {

    @Test
    void findsWhatTheCallerMayRead() {
        String me = Visitor.uniqueName("hsch");
        Visitor owner = People.verified(me);
        String word = Visitor.uniqueName("zq");
        Repos.create(owner, me, word + "-open", false, "Open " + word, "");
        Repos.create(owner, me, word + "-closed", true, "Closed " + word, "");

        given().queryParam("query", word).get("/v2/search/repositories/").then().statusCode(200)
                .body("count", equalTo(1)).body("results[0].repo_name", equalTo(me + "/" + word + "-open"))
                .body("results[0].short_description", equalTo("Open " + word)).body("results[0].is_official", equalTo(false));
        String token = given().contentType("application/json").body(Map.of("username", me, "password", "password123"))
                .post("/v2/users/login").then().statusCode(200).extract().path("token");
        given().header("Authorization", "Bearer " + token).queryParam("query", word).queryParam("page_size", 1)
                .get("/v2/search/repositories").then().statusCode(200).body("count", equalTo(2)).body("results", hasSize(1))
                .body("next", org.hamcrest.Matchers.containsString("page=2"));
        given().queryParam("query", "").get("/v2/search/repositories/").then().statusCode(200).body("count", equalTo(0));
        given().header("Authorization", "Bearer wrong").queryParam("query", word).get("/v2/search/repositories/").then()
                .statusCode(401);
    }
}
