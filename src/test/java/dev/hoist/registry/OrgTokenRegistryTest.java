package dev.hoist.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.OrganizationToken;
import dev.hoist.model.Repo;
import dev.hoist.support.OrgTokens;
import dev.hoist.support.People;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Organization access tokens at the registry: {@code /token} with the organization's name and the
 * token, and every request checked against the token's resources and scopes, its liveness included.
 */
@QuarkusTest
class OrgTokenRegistryTest {

    private record Setup(String owner, Visitor ownerVisitor, String org) {
    }

    private static Setup organizationWithPrivateRepos(String prefix, String... repos) {
        String owner = People.newVerified(prefix);
        Visitor visitor = new Visitor();
        visitor.submit("/login", "/login", Map.of("username", owner, "password", "password123")).then().statusCode(303);
        String org = OrgTokens.organization(visitor, prefix + "o");
        for (String repo : repos) {
            Repos.create(visitor, org, repo, false, "", "");
            Pushes.image(owner, org + "/" + repo, "v1");
            // Made private directly: the test plan allows one private repository per namespace.
            QuarkusTransaction.requiringNew().run(() -> Repo.byName(org, repo).orElseThrow().isPrivate = true);
        }
        return new Setup(owner, visitor, org);
    }

    private static Response tagsWith(String jwt, String name) {
        return given().header("Authorization", "Bearer " + jwt).get("/v2/" + name + "/tags/list");
    }

    private static Response pushWith(String jwt, String name, byte[] bytes) {
        OciLayout.Blob blob = OciLayout.Blob.of(bytes);
        return given().header("Authorization", "Bearer " + jwt).contentType("application/octet-stream").body(blob.bytes())
                .queryParam("digest", blob.digest()).post("/v2/" + name + "/blobs/uploads/");
    }

    @Test
    void aPullTokenPullsItsRepositoryAndNothingElse() {
        Setup s = organizationWithPrivateRepos("oatpull", "app", "secret");
        OrgTokens.Made token = OrgTokens.create(s.owner(), s.org(), Map.of(s.org() + "/app", OrgTokens.PULL));
        RegistryClient client = RegistryClient.as(s.org(), token.secret());

        String app = s.org() + "/app";
        String jwt = client.token("repository:" + app + ":pull,push,delete");
        tagsWith(jwt, app).then().statusCode(200).body("tags[0]", equalTo("v1"));
        pushWith(jwt, app, new byte[] { 1 }).then().statusCode(401);
        given().header("Authorization", "Bearer " + jwt).delete("/v2/" + app + "/manifests/v1").then().statusCode(401);

        // A private repository outside its resources looks exactly like one that does not exist.
        Response hidden = tagsWith(client.token("repository:" + s.org() + "/secret:pull"), s.org() + "/secret");
        Response missing = tagsWith(client.token("repository:" + s.org() + "/nosuch:pull"), s.org() + "/nosuch");
        assertEquals(401, hidden.statusCode());
        assertEquals(missing.statusCode(), hidden.statusCode());
        assertEquals(missing.asString(), hidden.asString());
    }

    @Test
    void pushAndDeleteFollowTheScopesAndAPatternCoversEveryRepository() throws Exception {
        Setup s = organizationWithPrivateRepos("oatpush", "app", "web");
        OrgTokens.Made pusher = OrgTokens.create(s.owner(), s.org(), Map.of(s.org() + "/*", OrgTokens.PUSH));
        OrgTokens.Made deleter = OrgTokens.create(s.owner(), s.org(), Map.of(s.org() + "/web", OrgTokens.DELETE));

        RegistryClient.as(s.org(), pusher.secret()).pushImage(s.org() + "/web", OciLayout.image(80), "v2");
        RegistryClient.as(s.org(), pusher.secret()).pushImage(s.org() + "/app", OciLayout.image(81), "v2");
        String noDelete = RegistryClient.as(s.org(), pusher.secret()).token("repository:" + s.org() + "/web:pull,delete");
        given().header("Authorization", "Bearer " + noDelete).delete("/v2/" + s.org() + "/web/manifests/v2")
                .then().statusCode(401);
        RegistryClient.as(s.org(), deleter.secret()).on(s.org() + "/web", "pull,delete")
                .delete("/v2/" + s.org() + "/web/manifests/v2").then().statusCode(202);

        // An organization token makes no repositories: a push to a new name is refused.
        assertEquals(401, pushWith(RegistryClient.as(s.org(), pusher.secret()).token("repository:" + s.org() + "/fresh:pull,push"),
                s.org() + "/fresh", new byte[] { 9 }).statusCode());

        // skopeo, as a CI would, with the organization's name and the token.
        String host = java.net.URI.create(io.restassured.RestAssured.baseURI).getHost() + ":" + io.restassured.RestAssured.port;
        java.nio.file.Path home = Cli.tempDir("skopeo-oat");
        java.nio.file.Path layout = Cli.tempDir("oci-oat");
        try {
            OciLayout.write(layout, "ci", 200);
            Cli.run(home, "skopeo", "--insecure-policy", "copy", "--dest-tls-verify=false", "--dest-creds",
                    s.org() + ":" + pusher.secret(), "oci:" + layout + ":ci", "docker://" + host + "/" + s.org() + "/app:ci");
            OrgTokens.Made reader = OrgTokens.create(s.owner(), s.org(), Map.of(s.org() + "/app", OrgTokens.PULL));
            Cli.Result refused = Cli.tryRun(home, "skopeo", "--insecure-policy", "copy", "--dest-tls-verify=false",
                    "--dest-creds", s.org() + ":" + reader.secret(), "oci:" + layout + ":ci",
                    "docker://" + host + "/" + s.org() + "/app:ci2");
            assertNotEquals(0, refused.exit());
            String tags = Cli.run(home, "skopeo", "list-tags", "--tls-verify=false", "--creds",
                    s.org() + ":" + reader.secret(), "docker://" + host + "/" + s.org() + "/app");
            assertTrue(tags.contains("\"ci\""), tags);
        } finally {
            Cli.deleteTree(home);
            Cli.deleteTree(layout);
        }
    }

    @Test
    void dockerLoginTakesTheOrganizationNameAndRefusesAnyOther() throws Exception {
        Setup s = organizationWithPrivateRepos("oatlogin");
        OrgTokens.Made token = OrgTokens.create(s.owner(), s.org(), Map.of(s.org() + "/*", OrgTokens.PULL));
        String host = java.net.URI.create(io.restassured.RestAssured.baseURI).getHost() + ":" + io.restassured.RestAssured.port;
        java.nio.file.Path home = Cli.tempDir("docker-oat");
        try {
            String out = Cli.run(home, "docker", "login", host, "-u", s.org(), "-p", token.secret());
            assertTrue(out.contains("Login Succeeded"), out);
            assertNotEquals(0, Cli.tryRun(home, "docker", "login", host, "-u", s.owner(), "-p", token.secret()).exit());
            assertNotEquals(0, Cli.tryRun(home, "docker", "login", host, "-u", "library", "-p", token.secret()).exit());
        } finally {
            Cli.deleteTree(home);
        }
        given().auth().preemptive().basic(s.owner(), token.secret()).get("/token").then().statusCode(401);
    }

    @Test
    void aTokenOfOneOrganizationNeverReachesAnother() {
        Setup a = organizationWithPrivateRepos("oata", "app");
        Setup b = organizationWithPrivateRepos("oatb", "app");
        Repos.create(b.ownerVisitor(), b.org(), "open", false, "", "");
        Pushes.image(b.owner(), b.org() + "/open", "v1");
        // Even a path naming the other organization is refused when made.
        OrgTokens.post(a.owner(), a.org(), OrgTokens.body("x", Map.of(b.org() + "/*", OrgTokens.DELETE), null))
                .then().statusCode(400);
        OrgTokens.Made token = OrgTokens.create(a.owner(), a.org(), Map.of(a.org() + "/*", OrgTokens.DELETE));
        RegistryClient client = RegistryClient.as(a.org(), token.secret());

        Response hidden = tagsWith(client.token("repository:" + b.org() + "/app:pull"), b.org() + "/app");
        Response missing = tagsWith(client.token("repository:" + b.org() + "/nosuch:pull"), b.org() + "/nosuch");
        assertEquals(401, hidden.statusCode());
        assertEquals(missing.asString().replace("nosuch", "app"), hidden.asString());

        String open = b.org() + "/open";
        String jwt = client.token("repository:" + open + ":pull,push,delete");
        tagsWith(jwt, open).then().statusCode(200);
        pushWith(jwt, open, new byte[] { 7 }).then().statusCode(401);
        given().header("Authorization", "Bearer " + jwt).delete("/v2/" + open + "/manifests/v1").then().statusCode(401);
        tagsWith(RegistryClient.as(b.owner(), "password123").token("repository:" + open + ":pull"), open)
                .then().statusCode(200).body("tags", equalTo(List.of("v1")));
    }

    @Test
    void anExpiredOrDeactivatedTokenIsRefusedAndARevokedOneEndsItsRegistryTokensAtOnce() {
        Setup s = organizationWithPrivateRepos("oatend", "app");
        String app = s.org() + "/app";
        OrgTokens.Made expired = OrgTokens.create(s.owner(), s.org(), Map.of(app, OrgTokens.PULL));
        QuarkusTransaction.requiringNew().run(() -> OrganizationToken.<OrganizationToken>find("uuid", UUID.fromString(expired.id()))
                .firstResult().expiresAt = Instant.now().minusSeconds(1));
        given().auth().preemptive().basic(s.org(), expired.secret()).get("/token").then().statusCode(401);

        OrgTokens.Made revoked = OrgTokens.create(s.owner(), s.org(), Map.of(app, OrgTokens.PUSH));
        String jwt = RegistryClient.as(s.org(), revoked.secret()).token("repository:" + app + ":pull,push");
        tagsWith(jwt, app).then().statusCode(200);
        OrgTokens.revoke(s.owner(), s.org(), revoked.id());
        tagsWith(jwt, app).then().statusCode(401).body("errors[0].code", equalTo("UNAUTHORIZED"));
        pushWith(jwt, app, new byte[] { 5 }).then().statusCode(401);
        given().auth().preemptive().basic(s.org(), revoked.secret()).get("/token").then().statusCode(401);

        OrgTokens.Made paused = OrgTokens.create(s.owner(), s.org(), Map.of(app, OrgTokens.PULL));
        String pausedJwt = RegistryClient.as(s.org(), paused.secret()).token("repository:" + app + ":pull");
        given().auth().preemptive().basic(s.owner(), "password123").contentType("application/json")
                .body(Map.of("is_active", false)).patch("/v2/orgs/" + s.org() + "/access-tokens/" + paused.id())
                .then().statusCode(200).body("is_active", equalTo(false));
        tagsWith(pausedJwt, app).then().statusCode(401);
        given().auth().preemptive().basic(s.org(), paused.secret()).get("/token").then().statusCode(401);
    }

    @Test
    void theTokenOutlivesItsMakerLeaving() {
        Setup s = organizationWithPrivateRepos("oatmaker", "app");
        String second = People.newVerified("oatsecond");
        s.ownerVisitor().submit("/orgs/" + s.org() + "/teams/owners", "/orgs/" + s.org() + "/teams/owners/members",
                Map.of("username", second)).then().statusCode(303);
        OrgTokens.Made token = OrgTokens.create(s.owner(), s.org(), Map.of(s.org() + "/app", OrgTokens.PULL));
        s.ownerVisitor().submit("/orgs/" + s.org() + "/members", "/orgs/" + s.org() + "/members/remove",
                Map.of("username", s.owner())).then().statusCode(303);

        String app = s.org() + "/app";
        tagsWith(RegistryClient.as(s.org(), token.secret()).token("repository:" + app + ":pull"), app)
                .then().statusCode(200);
        given().auth().preemptive().basic(second, "password123").get("/v2/orgs/" + s.org() + "/access-tokens/" + token.id())
                .then().statusCode(200).body("created_by", equalTo(s.owner()));

        // The organization's deletion ends its tokens, whatever they say.
        Visitor secondVisitor = new Visitor();
        secondVisitor.submit("/login", "/login", Map.of("username", second, "password", "password123")).then().statusCode(303);
        secondVisitor.submit("/orgs/" + s.org() + "/members", "/orgs/" + s.org() + "/delete", Map.of("confirm", s.org()))
                .then().statusCode(303);
        given().auth().preemptive().basic(s.org(), token.secret()).get("/token").then().statusCode(401);
    }
}
