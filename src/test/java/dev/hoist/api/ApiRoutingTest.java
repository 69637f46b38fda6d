package dev.hoist.api;

import static dev.hoist.api.Api.anonymous;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The API's words and the registry's repository paths share /v2/ without meeting. */
@QuarkusTest
class ApiRoutingTest {

    @Test
    void registryPathsStillAnswerInTheRegistrysFormat() {
        given().get("/v2/").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer realm="));
        given().get("/v2/someone1/app/tags/list").then().statusCode(401).body("errors[0].code", equalTo("UNAUTHORIZED"));
        given().get("/v2/someone1/app/nothing").then().statusCode(404).body("errors[0].code", notNullValue());
    }

    @Test
    void apiPathsWithoutAnEndpointAnswerInDockerHubsFormat() {
        for (String path : new String[] { "/v2/invites/someone1", "/v2/auditlogs/someone1",
                "/v2/users/nothing", "/v2/repositories/a/b/c/d/e" }) {
            anonymous().get(path).then().statusCode(404).body("detail", notNullValue());
        }
        anonymous().put("/v2/user/").then().statusCode(405).body("detail", notNullValue());
    }
}
