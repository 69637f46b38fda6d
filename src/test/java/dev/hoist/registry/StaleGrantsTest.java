package dev.hoist.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A registry token obtained before its access token was revoked, the password changed, or the
 * account deleted no longer pushes or deletes, though it has not expired yet.
 */
@QuarkusTest
class StaleGrantsTest {

    private static io.restassured.response.Response pushWith(String jwt, String name, byte[] bytes) {
        OciLayout.Blob blob = OciLayout.Blob.of(bytes);
        return given().header("Authorization", "Bearer " + jwt).contentType("application/octet-stream").body(blob.bytes())
                .queryParam("digest", blob.digest()).post("/v2/" + name + "/blobs/uploads/");
    }

    @Test
    void aPushWithATokenFromBeforeTheRevocationIsRefused() throws Exception {
        String me = Visitor.uniqueName("stale");
        Visitor owner = People.verified(me);
        String pat = PersonalTokens.create(owner, "ADMIN");
        String name = me + "/app";
        RegistryClient.as(me, pat).pushImage(name, OciLayout.image(64), "v1");
        String jwt = RegistryClient.as(me, pat).token("repository:" + name + ":pull,push,delete");
        pushWith(jwt, name, new byte[] { 1 }).then().statusCode(201);

        PersonalTokens.revoke(owner, pat);

        pushWith(jwt, name, new byte[] { 2 }).then().statusCode(401).contentType("application/json")
                .body("errors[0].code", equalTo("UNAUTHORIZED"));
        given().header("Authorization", "Bearer " + jwt).delete("/v2/" + name + "/manifests/v1")
                .then().statusCode(401).body("errors[0].code", equalTo("UNAUTHORIZED"));
        // Pulls with it go on until it expires (documented), and the image is still there.
        given().header("Authorization", "Bearer " + jwt).get("/v2/" + name + "/tags/list").then().statusCode(200);
    }

    @Test
    void aPasswordChangeEndsOlderGrantsForPush() {
        String me = Visitor.uniqueName("pwch");
        Visitor owner = People.verified(me);
        String name = me + "/app";
        String jwt = RegistryClient.as(me, "password123").token("repository:" + name + ":pull,push");
        pushWith(jwt, name, new byte[] { 3 }).then().statusCode(201);

        owner.submit("/settings", "/settings/password", Map.of("current", "password123", "password", "newpassword1"))
                .then().statusCode(303);

        pushWith(jwt, name, new byte[] { 4 }).then().statusCode(401).body("errors[0].code", equalTo("UNAUTHORIZED"));
        String fresh = RegistryClient.as(me, "newpassword1").token("repository:" + name + ":pull,push");
        pushWith(fresh, name, new byte[] { 4 }).then().statusCode(201);
    }

    @Test
    void anotherTokensRevocationAlsoEndsOlderGrants() {
        // One generation per account: revoking any token ends every grant issued before it for push.
        String me = Visitor.uniqueName("gen");
        Visitor owner = People.verified(me);
        String kept = PersonalTokens.create(owner, "WRITE");
        String lost = PersonalTokens.create(owner, "WRITE");
        String name = me + "/app";
        String before = RegistryClient.as(me, kept).token("repository:" + name + ":pull,push");

        PersonalTokens.revoke(owner, lost);

        pushWith(before, name, new byte[] { 5 }).then().statusCode(401);
        String after = RegistryClient.as(me, kept).token("repository:" + name + ":pull,push");
        pushWith(after, name, new byte[] { 5 }).then().statusCode(201);
    }
}
