package dev.hoist.api;

import static dev.hoist.api.Api.anonymous;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.hoist.model.events.SignInFailed;
import dev.hoist.support.People;
import dev.hoist.support.RecordedEvents;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /v2/users/login} and {@code /v2/auth/token}, and the tokens they give, as Docker's tools use them. */
@QuarkusTest
class ApiLoginTest {

    @Inject
    RecordedEvents events;

    @Test
    void aPasswordBuysATokenThatNamesTheUserWithEitherScheme() {
        String me = People.newVerified("apil");
        Response login = anonymous().body(Map.of("username", me, "password", "password123"))
                .post("/v2/users/login?refresh_token=true");
        login.then().statusCode(200).body("token", notNullValue()).body("refresh_token", notNullValue());
        String token = login.path("token");

        for (String path : new String[] { "/v2/user/", "/v2/user" }) {
            Api.as(token).get(path).then().statusCode(200).body("username", equalTo(me)).body("type", equalTo("User"))
                    .body("id", notNullValue());
        }
        anonymous().header("Authorization", "JWT " + token).get("/v2/user/").then().statusCode(200)
                .body("username", equalTo(me));
        // Without the refresh flag there is no refresh token.
        anonymous().body(Map.of("username", me, "password", "password123")).post("/v2/users/login/").then()
                .statusCode(200).body("refresh_token", nullValue());
    }

    @Test
    void aRefreshTokenBuysATokenButOpensNothingItself() {
        String me = People.newVerified("apir");
        String refresh = anonymous().body(Map.of("username", me, "password", "password123"))
                .post("/v2/users/login?refresh_token=true").then().statusCode(200).extract().path("refresh_token");

        Api.as(refresh).get("/v2/user/").then().statusCode(401);
        String token = anonymous().body(Map.of("refresh_token", refresh)).post("/v2/users/login").then().statusCode(200)
                .extract().path("token");
        Api.as(token).get("/v2/user/").then().statusCode(200).body("username", equalTo(me));
    }

    @Test
    void wrongCredentialsAreRefusedInDockerHubsShapeAndCountTowardTheLock() {
        String me = People.newVerified("apiw");
        String address = "10.14.0." + (1 + Math.abs(me.hashCode() % 200));
        int failedBefore = events.of(SignInFailed.class).size();
        Response refused = anonymous().header("X-Forwarded-For", address)
                .body(Map.of("username", me, "password", "wrong-password")).post("/v2/users/login");
        refused.then().statusCode(401).contentType("application/json").body("detail", equalTo("incorrect username or password"))
                .body("message", equalTo("incorrect username or password"));
        assertEquals(failedBefore + 1, events.of(SignInFailed.class).size());
        for (int i = 0; i < 5; i++) {
            anonymous().header("X-Forwarded-For", address).body(Map.of("username", me, "password", "wrong-password"))
                    .post("/v2/users/login");
        }
        // Locked now, even with the right password: 429 with Retry-After, as on the sign-in page.
        anonymous().header("X-Forwarded-For", address).body(Map.of("username", me, "password", "password123"))
                .post("/v2/users/login").then().statusCode(429).header("Retry-After", notNullValue())
                .body("detail", notNullValue());
    }

    @Test
    void badBodiesAreRefusedWithFieldErrorsNeverA500() {
        anonymous().body("{not json").post("/v2/users/login").then().statusCode(400)
                .body("detail", equalTo("The body must be a JSON object."));
        anonymous().body("[1,2]").post("/v2/users/login").then().statusCode(400);
        anonymous().body(Map.of("username", "someone")).post("/v2/users/login").then().statusCode(400)
                .body("errors.password[0]", equalTo("This field is required."));
        anonymous().body(Map.of("username", 12, "password", true)).post("/v2/users/login").then().statusCode(400)
                .body("errors.username[0]", equalTo("Must be a string."));
        anonymous().body("{\"username\":\"a\\u0000b\",\"password\":\"x\"}").post("/v2/users/login").then().statusCode(400)
                .body("errors.username[0]", equalTo("Must not contain control characters."));
        anonymous().body(Map.of("identifier", "x")).post("/v2/auth/token").then().statusCode(400)
                .body("errors.secret[0]", equalTo("This field is required."));
    }

    @Test
    void authTokenTradesAnIdentifierAndSecretForAnAccessToken() {
        String me = People.newVerified("apia");
        String token = anonymous().body(Map.of("identifier", me, "secret", "password123")).post("/v2/auth/token").then()
                .statusCode(200).extract().path("access_token");
        Api.as(token).get("/v2/user/").then().statusCode(200).body("username", equalTo(me));
        anonymous().body(Map.of("identifier", me, "secret", "nope-nope")).post("/v2/auth/token").then().statusCode(401);
    }

    @Test
    void anonymousAndForgedCallersAreRefused() {
        anonymous().get("/v2/user/").then().statusCode(401).header("WWW-Authenticate", notNullValue())
                .body("detail", equalTo("Authentication credentials were not provided."));
        Api.as("not.a.jwt").get("/v2/user/").then().statusCode(401);
        anonymous().header("Authorization", "Digest abc").get("/v2/user/").then().statusCode(401);
    }

    @Test
    void aRegistryTokenIsNoApiTokenAndAnApiTokenIsNoSession() {
        String me = People.newVerified("apis");
        String registryToken = given().auth().preemptive().basic(me, "password123").get("/token?service=hoist")
                .then().statusCode(200).extract().path("token");
        Api.as(registryToken).get("/v2/user/").then().statusCode(401);

        String token = Api.login(me, "password123");
        // The API token in the session cookie signs nobody in: the settings page sends to sign-in.
        given().redirects().follow(false).cookie("hoist_session", token).get("/settings").then().statusCode(303);
        // And it opens no registry repository.
        given().header("Authorization", "Bearer " + token).get("/v2/" + me + "/app/tags/list").then().statusCode(401);
    }

    @Test
    void signingOutEverywhereEndsTheTokens() {
        String me = People.newVerified("apio");
        String token = Api.login(me, "password123");
        Api.as(token).get("/v2/user/").then().statusCode(200);
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() ->
                dev.hoist.model.Account.findByUsername(me).orElseThrow().sessionEpoch++);
        Api.as(token).get("/v2/user/").then().statusCode(401);
        assertNotEquals(token, Api.login(me, "password123"));
    }

    @Test
    void theApiWordsAreReservedAtSignUpAndForOrganizations() {
        for (String word : new String[] { "users", "user", "auth", "repositories", "namespaces", "invites", "auditlogs",
                "search", "orgs" }) {
            Response response = new Visitor().submit("/signup", "/signup",
                    Map.of("username", word, "email", Visitor.uniqueName("m") + "@example.test", "password", "password123"));
            assertEquals(400, response.statusCode(), word);
            org.junit.jupiter.api.Assertions.assertTrue(
                    response.asString().contains("id=\"username-error\">This name is reserved.</p>"), word);
        }
        Visitor owner = People.verified(Visitor.uniqueName("apiorg"));
        owner.submit("/orgs/new", "/orgs/new", Map.of("name", "repositories")).then().statusCode(400)
                .body(org.hamcrest.Matchers.containsString("This name is reserved."));
        for (String word : ApiPaths.WORDS) {
            org.junit.jupiter.api.Assertions.assertTrue(dev.hoist.model.NamespaceNames.problem(word).isPresent(), word);
        }
    }
}
