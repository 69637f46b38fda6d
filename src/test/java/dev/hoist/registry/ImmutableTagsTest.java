package dev.hoist.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.events.ImmutableTagsChanged;
import dev.hoist.model.events.ManifestDeleted;
import dev.hoist.model.events.ManifestPushed;
import dev.hoist.model.events.TagDeleted;
import dev.hoist.support.People;
import dev.hoist.support.RecordedEvents;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Immutable tags: set by Admins (API and settings page), enforced on real pushes and every way of deleting. */
@QuarkusTest
class ImmutableTagsTest {

    @Inject
    RecordedEvents events;

    static RequestSpecification api(String user) {
        String token = given().contentType(ContentType.JSON).body(Map.of("username", user, "password", "password123"))
                .post("/v2/users/login").then().statusCode(200).extract().path("token");
        return given().contentType(ContentType.JSON).accept(ContentType.JSON).header("Authorization", "Bearer " + token);
    }

    /** skopeo copy of a fresh image; the command's result, failed or not. */
    static Cli.Result skopeoPush(String user, String repository, String tag) throws Exception {
        Path home = Cli.tempDir("skopeo-home");
        Path layout = Cli.tempDir("oci-in");
        try {
            OciLayout.write(layout, tag, 300);
            String host = URI.create(RestAssured.baseURI).getHost() + ":" + RestAssured.port;
            return Cli.tryRun(home, "skopeo", "--insecure-policy", "copy", "--retry-times", "0", "--dest-tls-verify=false",
                    "--dest-creds", user + ":password123", "oci:" + layout + ":" + tag,
                    "docker://" + host + "/" + repository + ":" + tag);
        } finally {
            Cli.deleteTree(home);
            Cli.deleteTree(layout);
        }
    }

    @Test
    void aProtectedTagKeepsItsImageAgainstPushesAndEveryDelete() throws Exception {
        String me = Visitor.uniqueName("immut");
        Visitor owner = People.verified(me);
        String name = me + "/app";
        String v1 = Pushes.withSkopeo(me, name, "v1.0");
        String latest = Pushes.withSkopeo(me, name, "latest");

        int changesBefore = events.of(ImmutableTagsChanged.class).size();
        api(me).body(Map.of("immutable_tags", true, "immutable_tags_rules", List.of("v*", "release-*")))
                .patch("/v2/repositories/" + name + "/").then().statusCode(200)
                .body("immutable_tags", equalTo(true)).body("immutable_tags_rules", equalTo(List.of("v*", "release-*")))
                .body("immutable_tags_settings.enabled", equalTo(true));
        api(me).get("/v2/repositories/" + name + "/").then().statusCode(200)
                .body("immutable_tags_rules", equalTo(List.of("v*", "release-*")));
        List<ImmutableTagsChanged> changed = events.of(ImmutableTagsChanged.class);
        assertEquals(changesBefore + 1, changed.size());
        assertEquals(List.of("v*", "release-*"), changed.get(changed.size() - 1).rules());
        assertEquals(me, changed.get(changed.size() - 1).actor());
        // The same rules again change nothing and record nothing.
        api(me).body(Map.of("immutable_tags", true, "immutable_tags_rules", List.of("v*", "release-*")))
                .patch("/v2/repositories/" + name).then().statusCode(200);
        assertEquals(changesBefore + 1, events.of(ImmutableTagsChanged.class).size());

        // A different image to v1.0 is refused and the tag keeps its image; a mutable tag still moves.
        int pushes = events.of(ManifestPushed.class).size();
        Cli.Result refused = skopeoPush(me, name, "v1.0");
        assertNotEquals(0, refused.exit(), refused.output());
        assertTrue(refused.output().contains("v*"), refused.output());
        RegistryClient client = RegistryClient.as(me, "password123");
        client.on(name, "pull").head("/v2/" + name + "/manifests/v1.0").then().header("Docker-Content-Digest", v1);
        assertEquals(pushes, events.of(ManifestPushed.class).size());
        String moved = Pushes.withSkopeo(me, name, "latest");
        assertNotEquals(latest, moved);

        // The same image again is fine (a CI job retried).
        OciLayout.Image image = OciLayout.image(200);
        client.pushImage(name, image, "release-1");
        client.pushImage(name, image, "release-1");

        // Every way of deleting it is refused, naming the rule, and nothing is deleted.
        int tagDeletions = events.of(TagDeleted.class).size();
        int manifestDeletions = events.of(ManifestDeleted.class).size();
        client.on(name, "pull,delete").delete("/v2/" + name + "/manifests/v1.0").then().statusCode(403)
                .body("errors[0].code", equalTo("DENIED")).body("errors[0].message", containsString("\"v*\""));
        client.on(name, "pull,delete").delete("/v2/" + name + "/manifests/" + v1).then().statusCode(403)
                .body("errors[0].code", equalTo("DENIED")).body("errors[0].message", containsString("v1.0"));
        api(me).delete("/v2/repositories/" + name + "/tags/v1.0/").then().statusCode(403)
                .body("detail", containsString("v*"));
        owner.submit("/r/" + name + "/tags", "/r/" + name + "/tags/delete", Map.of("one", "release-1"))
                .then().statusCode(303);
        owner.get("/r/" + name + "/tags").then().statusCode(200)
                .body(containsString("Not deleted: The tag release-1 cannot be moved or deleted: tags matching &quot;release-*&quot; are immutable."))
                .body(containsString("Tags matching v*, release-* are immutable."))
                .body(containsString("<h2 class=\"tag-name\">release-1</h2>"))
                .body(not(containsString("Delete tag v1.0"))).body(containsString("Delete tag latest"));
        assertEquals(tagDeletions, events.of(TagDeleted.class).size());
        assertEquals(manifestDeletions, events.of(ManifestDeleted.class).size());
        client.on(name, "pull").head("/v2/" + name + "/manifests/v1.0").then().statusCode(200);

        // Switched off, the tag can go again.
        api(me).body(Map.of("immutable_tags", false)).patch("/v2/repositories/" + name + "/").then().statusCode(200)
                .body("immutable_tags", equalTo(false)).body("immutable_tags_rules", equalTo(List.of("v*", "release-*")));
        Pushes.deleteTag(me, name, "v1.0");
    }

    @Test
    void theSettingsPageSetsTheRulesAndRefusesBadPatterns() {
        String me = Visitor.uniqueName("immpage");
        Visitor owner = People.verified(me);
        String name = me + "/web";
        Pushes.image(me, name, "1.0");
        String settings = "/r/" + name + "/settings";
        owner.submit(settings, settings + "/immutability", Map.of("mutability", "some", "patterns", "1.*\r\nstable\n"))
                .then().statusCode(303);
        owner.get(settings).then().statusCode(200).body(containsString("Tags matching 1.*, stable are immutable."))
                .body(containsString(">1.*\nstable</textarea>"));
        owner.get("/r/" + name + "/tags").then().body(containsString("<span class=\"badge\" title=\"This tag cannot be moved or deleted\">Immutable</span>"));
        RegistryClient.as(me, "password123").on(name, "pull,delete").delete("/v2/" + name + "/manifests/1.0").then()
                .statusCode(403).body("errors[0].message", equalTo("the tag 1.0 cannot be moved or deleted: tags matching \"1.*\" are immutable"));

        for (String bad : List.of("x".repeat(129), "(a+)+$", "a b", "release/*")) {
            owner.submit(settings, settings + "/immutability", Map.of("mutability", "some", "patterns", bad))
                    .then().statusCode(400).body(containsString("aria-invalid=\"true\""));
        }
        // A NUL never reaches the form: the edge refuses it for every form.
        owner.submit(settings, settings + "/immutability", Map.of("mutability", "some", "patterns", "v\u0000*"))
                .then().statusCode(400);
        owner.submit(settings, settings + "/immutability", Map.of("mutability", "some", "patterns", "a\n".repeat(5) + "x".repeat(5)))
                .then().statusCode(303);
        String many = String.join("\n", java.util.stream.IntStream.range(0, 21).mapToObj(i -> "p" + i).toList());
        owner.submit(settings, settings + "/immutability", Map.of("mutability", "some", "patterns", many))
                .then().statusCode(400).body(containsString("At most 20 patterns."));
        owner.submit(settings, settings + "/immutability", Map.of("mutability", "some", "patterns", ""))
                .then().statusCode(400);
        owner.submit(settings, settings + "/immutability", Map.of("mutability", "everything", "patterns", ""))
                .then().statusCode(400);
        owner.submit(settings, settings + "/immutability", Map.of("mutability", "all", "patterns", ""))
                .then().statusCode(303);
        owner.get("/r/" + name + "/tags").then().body(containsString("All tags are immutable."));
    }

    @Test
    void onlyAdminsChangeTheRulesAndOutsidersLearnNothing() {
        String me = Visitor.uniqueName("immorg");
        Visitor owner = People.verified(me);
        String org = Visitor.uniqueName("immo");
        owner.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        Repos.create(owner, org, "app", true, "", "");
        String writer = Visitor.uniqueName("immwriter");
        Visitor writerVisitor = People.verified(writer);
        String teams = "/orgs/" + org + "/teams";
        owner.submit(teams, teams, Map.of("name", "devs", "description", "")).then().statusCode(303);
        owner.submit(teams + "/devs", teams + "/devs/members", Map.of("username", writer)).then().statusCode(303);
        owner.submit("/r/" + org + "/app/settings", "/r/" + org + "/app/settings/teams", Map.of("team", "devs", "permission", "WRITE"))
                .then().statusCode(303);
        String outsider = Visitor.uniqueName("immout");
        Visitor outsiderVisitor = People.verified(outsider);

        Map<String, Object> body = Map.of("immutable_tags", true, "immutable_tags_rules", List.of("*"));
        api(writer).body(body).patch("/v2/repositories/" + org + "/app/").then().statusCode(403);
        api(writer).body(body).patch("/v2/namespaces/" + org + "/repositories/app/immutabletags").then().statusCode(403);
        Response hidden = api(outsider).body(body).patch("/v2/repositories/" + org + "/app/");
        Response missing = api(outsider).body(body).patch("/v2/repositories/" + org + "/nothing-here/");
        assertEquals(404, hidden.statusCode());
        assertEquals(missing.asString(), hidden.asString());
        writerVisitor.submit("/settings", "/r/" + org + "/app/settings/immutability", Map.of("mutability", "all", "patterns", ""))
                .then().statusCode(403);
        outsiderVisitor.submit("/settings", "/r/" + org + "/app/settings/immutability", Map.of("mutability", "all"))
                .then().statusCode(404);
        api(me).get("/v2/repositories/" + org + "/app/").then().body("immutable_tags", equalTo(false));

        // Bad rules through the API: field errors, never a 500.
        for (Object rules : List.<Object>of(List.of("x".repeat(129)), List.of("v\u0000*"), List.of("(a+)+$"), "v*",
                java.util.Collections.nCopies(21, "v*"), List.of(7))) {
            api(me).body(Map.of("immutable_tags", true, "immutable_tags_rules", rules))
                    .patch("/v2/repositories/" + org + "/app/").then().statusCode(400)
                    .body("errors.immutable_tags_rules", notNullValue());
        }
        api(me).body(Map.of("immutable_tags", true, "immutable_tags_rules", List.of())).patch("/v2/namespaces/" + org
                + "/repositories/app/immutabletags").then().statusCode(200).body("immutable_tags", equalTo(true));
    }

    @Test
    void ofABurstOfDifferentPushesToOneNewImmutableTagExactlyOneLands() throws Exception {
        String me = People.newVerified("immburst");
        String name = me + "/race";
        Pushes.image(me, name, "seed");
        api(me).body(Map.of("immutable_tags", true, "immutable_tags_rules", List.of())).patch("/v2/repositories/" + name + "/")
                .then().statusCode(200);
        RegistryClient client = RegistryClient.as(me, "password123");
        List<OciLayout.Image> images = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            OciLayout.Image image = OciLayout.image(100 + i);
            client.pushBlob(name, image.layer()).then().statusCode(201);
            client.pushBlob(name, image.config()).then().statusCode(201);
            images.add(image);
        }
        String token = client.token("repository:" + name + ":pull,push");
        List<Integer> statuses = dev.hoist.support.Burst.of(8, i -> given().header("Authorization", "Bearer " + token)
                .contentType("application/vnd.oci.image.manifest.v1+json").body(images.get(i).manifest().bytes())
                .put("/v2/" + name + "/manifests/v9").statusCode());
        assertEquals(1, dev.hoist.support.Burst.count(statuses, 201), statuses.toString());
        assertEquals(7, dev.hoist.support.Burst.count(statuses, 403), statuses.toString());
        String winner = images.get(statuses.indexOf(201)).manifestDigest();
        client.on(name, "pull").head("/v2/" + name + "/manifests/v9").then().header("Docker-Content-Digest", winner);
        // The losers' manifests were not stored either: their pushes rolled back whole.
        for (OciLayout.Image image : images) {
            int expected = image.manifestDigest().equals(winner) ? 200 : 404;
            client.on(name, "pull").head("/v2/" + name + "/manifests/" + image.manifestDigest()).then().statusCode(expected);
        }
    }
}
