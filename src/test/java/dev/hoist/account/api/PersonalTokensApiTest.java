package dev.hoist.account.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.events.AccessTokenCreated;
import dev.hoist.model.events.AccessTokenRevoked;
import dev.hoist.support.People;
import dev.hoist.support.RecordedEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Personal access tokens at /v2/api_tokens (hub-tool) and /v2/access-tokens (Terraform): made, listed, deactivated, deleted. */
@QuarkusTest
class PersonalTokensApiTest {

    @Inject
    RecordedEvents events;

    static RequestSpecification api(String token) {
        RequestSpecification request = given().contentType(ContentType.JSON).accept(ContentType.JSON);
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    static String login(String user, String secret) {
        return api(null).body(Map.of("username", user, "password", secret)).post("/v2/users/login").then().statusCode(200)
                .extract().path("token");
    }

    @Test
    void aTokenIsMadeShownOnceListedDeactivatedAndDeleted() {
        String me = People.newVerified("ptok");
        String jwt = login(me, "password123");
        Instant expires = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        var created = api(jwt).body(Map.of("token_label", "CI", "scopes", List.of("repo:write"), "expires_at", expires.toString()))
                .post("/v2/access-tokens");
        created.then().statusCode(201).body("token", startsWith("hoist_pat_")).body("token_label", equalTo("CI"))
                .body("scopes", contains("repo:write")).body("is_active", equalTo(true)).body("uuid", notNullValue())
                .body("expires_at", equalTo(expires.toString()));
        String uuid = created.path("uuid");
        String secret = created.path("token");
        assertTrue(events.of(AccessTokenCreated.class).stream().anyMatch(e -> e.actor().equals(me)));

        api(jwt).get("/v2/api_tokens").then().statusCode(200).body("count", equalTo(1)).body("results", hasSize(1))
                .body("results[0].uuid", equalTo(uuid)).body("results[0].token", nullValue());
        api(jwt).get("/v2/access-tokens/" + uuid).then().statusCode(200).body("token_label", equalTo("CI"))
                .body("token", nullValue());

        // The token works alone as a bearer, at /token, and exchanged for an API token.
        api(secret).get("/v2/user/").then().statusCode(200).body("username", equalTo(me));
        given().auth().preemptive().basic(me, secret).get("/token?service=hoist").then().statusCode(200);
        String exchanged = login(me, secret);
        api(exchanged).get("/v2/user/").then().statusCode(200);

        // Deactivated: nothing it signs in, nor what it was exchanged for, works any more.
        api(jwt).body(Map.of("token_label", "CI off", "is_active", false)).patch("/v2/api_tokens/" + uuid).then()
                .statusCode(200).body("is_active", equalTo(false)).body("token_label", equalTo("CI off"));
        api(secret).get("/v2/user/").then().statusCode(401);
        api(exchanged).get("/v2/user/").then().statusCode(401);
        given().auth().preemptive().basic(me, secret).get("/token?service=hoist").then().statusCode(401);
        api(null).body(Map.of("username", me, "password", secret)).post("/v2/users/login").then().statusCode(401);
        // Active again, it works again.
        api(jwt).body(Map.of("is_active", true)).patch("/v2/access-tokens/" + uuid).then().statusCode(200);
        api(secret).get("/v2/user/").then().statusCode(200);

        api(jwt).delete("/v2/api_tokens/" + uuid).then().statusCode(204);
        assertTrue(events.of(AccessTokenRevoked.class).stream().anyMatch(e -> e.actor().equals(me)));
        api(secret).get("/v2/user/").then().statusCode(401);
        api(jwt).delete("/v2/api_tokens/" + uuid).then().statusCode(404);
        api(jwt).get("/v2/api_tokens/" + uuid).then().statusCode(404);
    }

    @Test
    void tokensAreRefusedBadInputAndManagedOnlyByTheirOwnerWithAPassword() {
        String me = People.newVerified("ptbad");
        String jwt = login(me, "password123");
        api(jwt).body(Map.of("scopes", List.of("repo:read"))).post("/v2/api_tokens").then().statusCode(400)
                .body("errors.token_label[0]", equalTo("This field is required."));
        api(jwt).body(Map.of("token_label", "x", "scopes", List.of("repo:public_read"))).post("/v2/api_tokens").then()
                .statusCode(400).body("errors.scopes[0]", notNullValue());
        api(jwt).body(Map.of("token_label", "x", "expires_at", "tomorrow")).post("/v2/api_tokens").then().statusCode(400)
                .body("errors.expires_at[0]", notNullValue());
        api(jwt).body(Map.of("token_label", "x", "expires_at", "2001-01-01T00:00:00Z")).post("/v2/api_tokens").then()
                .statusCode(400).body("errors.expires_at[0]", notNullValue());
        api(jwt).body(Map.of("token_label", "l".repeat(101))).post("/v2/api_tokens").then().statusCode(400)
                .body("errors.token_label[0]", notNullValue());
        api(jwt).get("/v2/api_tokens/not-a-uuid").then().statusCode(404);
        api(null).get("/v2/api_tokens").then().statusCode(401);

        String secret = api(jwt).body(Map.of("token_label", "mine")).post("/v2/api_tokens").then().statusCode(201)
                .body("scopes", contains("repo:admin")).extract().path("token");
        String uuid = api(jwt).get("/v2/api_tokens").then().extract().path("results[0].uuid");
        // A token does not manage tokens, not even its own (nor does what it was exchanged for).
        api(secret).get("/v2/api_tokens").then().statusCode(403);
        api(secret).body(Map.of("token_label", "more")).post("/v2/api_tokens").then().statusCode(403);
        api(login(me, secret)).body(Map.of("is_active", true)).patch("/v2/api_tokens/" + uuid).then().statusCode(403);
        // Someone else's token is not found.
        String other = login(People.newVerified("ptoth"), "password123");
        api(other).get("/v2/api_tokens/" + uuid).then().statusCode(404);
        api(other).delete("/v2/access-tokens/" + uuid).then().statusCode(404);
        api(other).body(Map.of("is_active", false)).patch("/v2/access-tokens/" + uuid).then().statusCode(404);
        api(secret).get("/v2/user/").then().statusCode(200);
    }
}
