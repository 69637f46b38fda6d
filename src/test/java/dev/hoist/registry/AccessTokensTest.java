package dev.hoist.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.AccessToken;
import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Personal access tokens: shown once, stored hashed, scoped, revocable, with their last use recorded. */
@QuarkusTest
class AccessTokensTest {

    private static final Pattern SECRET = Pattern.compile("value=\"(hoist_pat_[A-Za-z0-9_-]+)\"");

    private static String create(Visitor visitor, String description, String scope) {
        Response page = visitor.submit("/settings/tokens", "/settings/tokens",
                Map.of("description", description, "scope", scope, "expires", "30"));
        page.then().statusCode(200).header("Cache-Control", containsString("no-store"));
        Matcher m = SECRET.matcher(page.asString());
        assertTrue(m.find(), "the new token is shown");
        return m.group(1);
    }

    @Test
    void aTokenIsShownOnceAndStoredOnlyAsAHash() {
        String me = Visitor.uniqueName("pat");
        Visitor visitor = People.verified(me);
        String secret = create(visitor, "CI on build-01", "WRITE");

        visitor.get("/settings/tokens").then().statusCode(200).body(containsString("CI on build-01"))
                .body(containsString("Read &amp; Write")).body(not(containsString(secret)));
        List<String> hashes = QuarkusTransaction.requiringNew().call(() -> AccessToken.<AccessToken>listAll().stream()
                .map(t -> t.tokenHash).toList());
        assertTrue(hashes.stream().noneMatch(h -> h.contains(secret)));
        visitor.submit("/settings/tokens", "/settings/tokens", Map.of("description", "", "scope", "WRITE", "expires", "30"))
                .then().statusCode(400).body(containsString("Describe the token"));
    }

    @Test
    void aTokenSignsInRegistryClientsWithinItsScope() throws Exception {
        String me = Visitor.uniqueName("scp");
        Visitor visitor = People.verified(me);
        String readOnly = create(visitor, "read only", "READ");
        String readWrite = create(visitor, "read write", "WRITE");
        String name = me + "/app";
        RegistryClient.as(me, readWrite).pushImage(name, OciLayout.image(100), "v1");

        // Read-only can pull and cannot push, whatever the owner may do.
        RegistryClient.as(me, readOnly).on(name, "pull").get("/v2/" + name + "/tags/list").then().statusCode(200);
        RegistryClient.as(me, readOnly).pushBlob(name, OciLayout.Blob.of(new byte[] { 9 })).then().statusCode(401);
        // Read & Write cannot delete.
        RegistryClient.as(me, readWrite).on(name, "pull,delete").delete("/v2/" + name + "/manifests/v1").then().statusCode(401);
        // The last use is recorded.
        assertTrue(QuarkusTransaction.requiringNew().call(() -> AccessToken.findBySecret(readWrite).orElseThrow().lastUsedAt != null));

        // Someone else's username with my token is refused.
        String other = Visitor.uniqueName("oth");
        People.verified(other);
        given().auth().preemptive().basic(other, readWrite).get("/token?service=hoist").then().statusCode(401);
    }

    @Test
    void aRevokedTokenStopsWorking() {
        String me = Visitor.uniqueName("rev");
        Visitor visitor = People.verified(me);
        String secret = create(visitor, "laptop", "READ");
        given().auth().preemptive().basic(me, secret).get("/token?service=hoist").then().statusCode(200);
        long id = QuarkusTransaction.requiringNew().call(() -> AccessToken.findBySecret(secret).orElseThrow().id);

        visitor.submit("/settings/tokens", "/settings/tokens/revoke", Map.of("id", String.valueOf(id))).then().statusCode(303);

        given().auth().preemptive().basic(me, secret).get("/token?service=hoist").then().statusCode(401)
                .body("errors[0].code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void failedLoginsAtTheTokenEndpointCountTowardTheLockout() {
        String me = Visitor.uniqueName("lck");
        People.verified(me);
        for (int i = 0; i < 5; i++) {
            given().header("X-Forwarded-For", "10.9.0." + i).auth().preemptive().basic(me, "wrong" + i)
                    .get("/token?service=hoist").then().statusCode(401);
        }
        given().header("X-Forwarded-For", "10.9.1.1").auth().preemptive().basic(me, "password123")
                .get("/token?service=hoist").then().statusCode(429).body("errors[0].code", equalTo("TOOMANYREQUESTS"));
        // The web sign-in shares the lock.
        new Visitor().from("10.9.1.2").submit("/login", "/login", Map.of("username", me, "password", "password123"))
                .then().statusCode(429);
    }

    @Test
    void theOAuthVariantOfTheTokenEndpointWorksWithoutCookies() {
        String me = Visitor.uniqueName("oa");
        People.verified(me);
        given().contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("grant_type", "password", "username", me, "password", "password123",
                        "service", "hoist", "scope", "repository:" + me + "/x:pull,push", "client_id", "docker"))
                .post("/token").then().statusCode(200).body("access_token", not(equalTo(null)));
        given().contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("grant_type", "password", "username", me, "password", "nope"))
                .post("/token").then().statusCode(401);
    }
}
