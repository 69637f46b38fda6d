package dev.hoist.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Wrong passwords lock password sign-in, never a user's access tokens: anyone can type a user's
 * name with five wrong passwords, and that must not stop the user's CI. Wrong tokens are limited
 * per client address instead.
 */
@QuarkusTest
class TokenLockoutTest {

    private static io.restassured.specification.RequestSpecification from(String address) {
        return given().header("X-Forwarded-For", address);
    }

    @Test
    void aUserLockedOutOfPasswordSignInKeepsUsingTheirToken() {
        String me = Visitor.uniqueName("ci");
        Visitor owner = People.verified(me);
        String token = PersonalTokens.create(owner, "WRITE");
        for (int i = 0; i < 5; i++) {
            new Visitor().from("10.32.0.1").submit("/login", "/login", Map.of("username", me, "password", "wrong" + i))
                    .then().statusCode(401);
        }
        new Visitor().from("10.32.0.2").submit("/login", "/login", Map.of("username", me, "password", "password123"))
                .then().statusCode(429);
        from("10.32.0.3").auth().preemptive().basic(me, "password123").get("/token?service=hoist")
                .then().statusCode(429).body("errors[0].code", equalTo("TOOMANYREQUESTS"));

        // The CI, on another address, still pulls and pushes with the token.
        from("10.32.1.1").auth().preemptive().basic(me, token)
                .get("/token?service=hoist&scope=repository:" + me + "/app:pull,push")
                .then().statusCode(200).body("token", notNullValue());
        RegistryClient.as(me, token).pushBlob(me + "/app", OciLayout.Blob.of(new byte[] { 1, 2, 3 })).then().statusCode(201);
        from("10.32.1.1").auth().preemptive().basic(me, token).get("/v1/search?q=app").then().statusCode(200);
    }

    @Test
    void wrongTokensAreLimitedPerClientAddress() {
        String me = Visitor.uniqueName("tg");
        Visitor owner = People.verified(me);
        String token = PersonalTokens.create(owner, "READ");
        for (int i = 0; i < 30; i++) {
            from("10.33.0.1").auth().preemptive().basic(me, "hoist_pat_guess" + i).get("/token?service=hoist")
                    .then().statusCode(401).body("errors[0].code", equalTo("UNAUTHORIZED"));
        }

        from("10.33.0.1").auth().preemptive().basic(me, "hoist_pat_guess-more").get("/token?service=hoist")
                .then().statusCode(429).header("Retry-After", notNullValue()).body("errors[0].code", equalTo("TOOMANYREQUESTS"));
        from("10.33.0.1").auth().preemptive().basic(me, "hoist_pat_guess-more").get("/v1/search?q=x")
                .then().statusCode(429).body("errors[0].code", equalTo("TOOMANYREQUESTS"));
        // The account is not locked: its token works from elsewhere, and so does its password.
        from("10.33.1.1").auth().preemptive().basic(me, token).get("/token?service=hoist").then().statusCode(200);
        from("10.33.1.2").auth().preemptive().basic(me, "password123").get("/token?service=hoist").then().statusCode(200);
    }
}
