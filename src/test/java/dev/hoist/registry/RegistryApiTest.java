package dev.hoist.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OCI Distribution API over HTTP: auth, pushes, pulls, errors and the permission rules. */
@QuarkusTest
class RegistryApiTest {

    private static String user() {
        return People.newVerified("reg");
    }

    @Test
    void theBaseEndpointChallengesWithTheTokenRealm() {
        given().get("/v2/").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer realm=\"http://localhost:"))
                .header("WWW-Authenticate", containsString("/token\",service=\"hoist\""))
                .body("errors[0].code", equalTo("UNAUTHORIZED"));
        String me = user();
        given().header("Authorization", "Bearer " + RegistryClient.as(me, "password123").token()).get("/v2/")
                .then().statusCode(200).header("Docker-Distribution-API-Version", "registry/2.0");
        given().auth().preemptive().basic(me, "wrong-password").get("/token?service=hoist").then().statusCode(401)
                .body("errors[0].code", equalTo("UNAUTHORIZED"));
        given().header("Authorization", "Bearer not.a.token").get("/v2/").then().statusCode(401);
    }

    @Test
    void theTokenEndpointAnswersLikeDockersAndGrantsOnlyWhatIsAllowed() {
        String me = user();
        Response token = given().auth().preemptive().basic(me, "password123")
                .queryParam("service", "hoist").queryParam("scope", "repository:" + me + "/app:pull,push")
                .get("/token");
        token.then().statusCode(200).body("token", not(equalTo(null))).body("access_token", equalTo(token.path("token")))
                .body("expires_in", equalTo(300)).body("issued_at", not(equalTo(null)));
        String other = user();
        // Asking for push on someone else's namespace is not an error: the grant is just empty.
        String partial = RegistryClient.as(me, "password123").token("repository:" + other + "/app:pull,push");
        given().header("Authorization", "Bearer " + partial).contentType("application/octet-stream").body(new byte[] { 1 })
                .post("/v2/" + other + "/app/blobs/uploads/").then().statusCode(401)
                .header("WWW-Authenticate", containsString("scope=\"repository:" + other + "/app:pull,push\""));
    }

    @Test
    void aMonolithicPushThenPullRoundTrips() throws Exception {
        String me = user();
        String name = me + "/mono";
        RegistryClient client = RegistryClient.as(me, "password123");
        OciLayout.Image image = OciLayout.image(10_000);

        client.pushImage(name, image, "v1");

        Response blob = client.on(name, "pull").get("/v2/" + name + "/blobs/" + image.layer().digest());
        blob.then().statusCode(200).header("Docker-Content-Digest", image.layer().digest());
        assertArrayEquals(image.layer().bytes(), blob.asByteArray());
        client.on(name, "pull").head("/v2/" + name + "/blobs/" + image.layer().digest()).then().statusCode(200)
                .header("Content-Length", String.valueOf(image.layer().bytes().length));
        Response manifest = client.on(name, "pull").accept("application/vnd.oci.image.manifest.v1+json")
                .get("/v2/" + name + "/manifests/v1");
        manifest.then().statusCode(200).contentType("application/vnd.oci.image.manifest.v1+json")
                .header("Docker-Content-Digest", image.manifestDigest());
        assertArrayEquals(image.manifest().bytes(), manifest.asByteArray());
        client.on(name, "pull").get("/v2/" + name + "/manifests/" + image.manifestDigest()).then().statusCode(200);
        // The repository was created by the push, public by default, and counts pulls (GET, not HEAD).
        new Visitor().get("/r/" + name).then().statusCode(200).body(containsString("<dd>2</dd>"));
    }

    @Test
    void aChunkedPushChecksOffsetsAndDigests() throws Exception {
        String me = user();
        String name = me + "/chunks";
        RegistryClient client = RegistryClient.as(me, "password123");
        byte[] data = OciLayout.random(30_000);
        OciLayout.Blob blob = OciLayout.Blob.of(data);

        Response start = client.on(name, "pull,push").post("/v2/" + name + "/blobs/uploads/");
        start.then().statusCode(202).header("Range", "0-0");
        String location = start.header("Location");
        client.on(name, "pull,push").contentType("application/octet-stream").header("Content-Range", "0-9999")
                .body(Arrays.copyOfRange(data, 0, 10_000)).patch(location).then().statusCode(202).header("Range", "0-9999");
        // A chunk that does not continue where the upload stands is refused.
        client.on(name, "pull,push").contentType("application/octet-stream").header("Content-Range", "20000-29999")
                .body(Arrays.copyOfRange(data, 20_000, 30_000)).patch(location).then().statusCode(416);
        client.on(name, "pull,push").contentType("application/octet-stream").header("Content-Range", "10000-19999")
                .body(Arrays.copyOfRange(data, 10_000, 20_000)).patch(location).then().statusCode(202);
        client.on(name, "pull,push").get(location).then().statusCode(204).header("Range", "0-19999");
        client.on(name, "pull,push").contentType("application/octet-stream").body(Arrays.copyOfRange(data, 20_000, 30_000))
                .queryParam("digest", blob.digest()).put(location).then().statusCode(201)
                .header("Docker-Content-Digest", blob.digest());

        assertArrayEquals(data, client.on(name, "pull").get("/v2/" + name + "/blobs/" + blob.digest()).asByteArray());
        Response range = client.on(name, "pull").header("Range", "bytes=100-199").get("/v2/" + name + "/blobs/" + blob.digest());
        range.then().statusCode(206).header("Content-Range", "bytes 100-199/30000");
        assertArrayEquals(Arrays.copyOfRange(data, 100, 200), range.asByteArray());
        client.on(name, "pull").header("Range", "bytes=40000-").get("/v2/" + name + "/blobs/" + blob.digest())
                .then().statusCode(416);
    }

    @Test
    void aWrongDigestLeavesNothingBehind() {
        String me = user();
        String name = me + "/wrong";
        RegistryClient client = RegistryClient.as(me, "password123");
        byte[] data = OciLayout.random(1000);
        String lie = "sha256:" + OciLayout.sha256(new byte[] { 1, 2, 3 });

        client.on(name, "pull,push").contentType("application/octet-stream").body(data).queryParam("digest", lie)
                .post("/v2/" + name + "/blobs/uploads/").then().statusCode(400).body("errors[0].code", equalTo("DIGEST_INVALID"));
        client.on(name, "pull").get("/v2/" + name + "/blobs/" + lie).then().statusCode(404)
                .body("errors[0].code", equalTo("BLOB_UNKNOWN"));
        for (String bad : List.of("sha256:xyz", "md5:abcd", "nonsense", "sha256:" + "A".repeat(64))) {
            client.on(name, "pull").get("/v2/" + name + "/blobs/" + bad).then().statusCode(400)
                    .body("errors[0].code", equalTo("DIGEST_INVALID"));
        }
    }

    @Test
    void manifestsMustReferenceKnownBlobsAndStayUnderFourMebibytes() throws Exception {
        String me = user();
        String name = me + "/strict";
        RegistryClient client = RegistryClient.as(me, "password123");
        OciLayout.Image image = OciLayout.image(500);
        client.pushBlob(name, image.config()).then().statusCode(201);

        client.pushManifest(name, "v1", image.manifest(), "application/vnd.oci.image.manifest.v1+json").then().statusCode(404)
                .body("errors[0].code", equalTo("MANIFEST_BLOB_UNKNOWN"));
        client.pushManifest(name, "v1", OciLayout.Blob.of("{not json".getBytes()), "application/vnd.oci.image.manifest.v1+json")
                .then().statusCode(400).body("errors[0].code", equalTo("MANIFEST_INVALID"));
        byte[] huge = new byte[4 * 1024 * 1024 + 10];
        Arrays.fill(huge, (byte) ' ');
        client.pushManifest(name, "v1", OciLayout.Blob.of(huge), "application/vnd.oci.image.manifest.v1+json")
                .then().statusCode(413);
        client.on(name, "pull").get("/v2/" + name + "/manifests/nope").then().statusCode(404)
                .body("errors[0].code", equalTo("MANIFEST_UNKNOWN"));
    }

    @Test
    void tagsListPagesWithNAndLast() throws Exception {
        String me = user();
        String name = me + "/paged";
        RegistryClient client = RegistryClient.as(me, "password123");
        OciLayout.Image image = OciLayout.image(100);
        client.pushImage(name, image, "a");
        for (String tag : List.of("b", "c", "d")) {
            client.pushManifest(name, tag, image.manifest(), "application/vnd.oci.image.manifest.v1+json").then().statusCode(201);
        }

        client.on(name, "pull").get("/v2/" + name + "/tags/list").then().statusCode(200)
                .body("name", equalTo(name)).body("tags", equalTo(List.of("a", "b", "c", "d")));
        client.on(name, "pull").get("/v2/" + name + "/tags/list?n=2").then()
                .body("tags", equalTo(List.of("a", "b")))
                .header("Link", "</v2/" + name + "/tags/list?n=2&last=b>; rel=\"next\"");
        client.on(name, "pull").get("/v2/" + name + "/tags/list?n=2&last=b").then().body("tags", equalTo(List.of("c", "d")));
    }

    @Test
    void privateImagesFollowThePermissionRules() throws Exception {
        String owner = user();
        Visitor ownerVisitor = new Visitor();
        ownerVisitor.submit("/login", "/login", Map.of("username", owner, "password", "password123"));
        ownerVisitor.submit("/repository/create", "/repository/create",
                Map.of("namespace", owner, "name", "secret", "visibility", "private")).then().statusCode(303);
        String name = owner + "/secret";
        OciLayout.Image image = OciLayout.image(2000);
        RegistryClient.as(owner, "password123").pushImage(name, image, "v1");
        String reader = user();
        String outsider = user();

        // Anonymous and outsiders get no token for it and cannot tell it exists.
        RegistryClient.anonymous().on(name, "pull").get("/v2/" + name + "/manifests/v1").then().statusCode(401);
        RegistryClient.as(outsider, "password123").on(name, "pull").get("/v2/" + name + "/blobs/" + image.layer().digest())
                .then().statusCode(401);
        // A digest known from the private repository cannot be read or mounted through another.
        String mine = outsider + "/copycat";
        RegistryClient.as(outsider, "password123").pushImage(mine, OciLayout.image(10), "x");
        RegistryClient.as(outsider, "password123").on(mine, "pull").get("/v2/" + mine + "/blobs/" + image.layer().digest())
                .then().statusCode(404).body("errors[0].code", equalTo("BLOB_UNKNOWN"));
        String asked = RegistryClient.as(outsider, "password123").token("repository:" + mine + ":pull,push",
                "repository:" + name + ":pull");
        given().header("Authorization", "Bearer " + asked).queryParam("mount", image.layer().digest())
                .queryParam("from", name).post("/v2/" + mine + "/blobs/uploads/").then().statusCode(202);

        // A collaborator reads and writes but cannot delete.
        String settings = "/r/" + name + "/settings";
        ownerVisitor.submit(settings, settings + "/collaborators", Map.of("username", reader)).then().statusCode(303);
        RegistryClient collaborator = RegistryClient.as(reader, "password123");
        collaborator.on(name, "pull").get("/v2/" + name + "/manifests/v1").then().statusCode(200);
        collaborator.pushManifest(name, "v2", image.manifest(), "application/vnd.oci.image.manifest.v1+json").then().statusCode(201);
        collaborator.on(name, "pull,push,delete").delete("/v2/" + name + "/manifests/v2").then().statusCode(401);
        // The owner may delete, and the tag list shows it.
        RegistryClient.as(owner, "password123").on(name, "pull,delete").delete("/v2/" + name + "/manifests/v2").then().statusCode(202);
        collaborator.on(name, "pull").get("/v2/" + name + "/tags/list").then().body("tags", equalTo(List.of("v1")));
        // Mounting works for someone who may read the source.
        String target = reader + "/mounted";
        String both = collaborator.token("repository:" + target + ":pull,push", "repository:" + name + ":pull");
        Response mount = given().header("Authorization", "Bearer " + both).queryParam("mount", image.layer().digest())
                .queryParam("from", name).post("/v2/" + target + "/blobs/uploads/");
        assertEquals(201, mount.statusCode(), mount.asString());
    }

    @Test
    void theCatalogListsOnlyWhatTheCallerMayRead() throws Exception {
        String me = user();
        RegistryClient.as(me, "password123").pushImage(me + "/listed", OciLayout.image(10), "v1");
        String token = RegistryClient.anonymous().token("registry:catalog:*");
        Response catalog = given().header("Authorization", "Bearer " + token).get("/v2/_catalog?n=1000");
        catalog.then().statusCode(200).body("repositories", hasItem(me + "/listed"));
        given().get("/v2/_catalog").then().statusCode(401)
                .header("WWW-Authenticate", containsString("scope=\"registry:catalog:*\""));
    }

    @Test
    void referrersListArtifactsThatNameASubject() throws Exception {
        String me = user();
        String name = me + "/signed";
        RegistryClient client = RegistryClient.as(me, "password123");
        OciLayout.Image image = OciLayout.image(100);
        client.pushImage(name, image, "v1");
        OciLayout.Blob empty = OciLayout.Blob.of("{}".getBytes());
        client.pushBlob(name, empty).then().statusCode(201);
        OciLayout.Blob signature = OciLayout.Blob.of(OciLayout.JSON.writeValueAsBytes(Map.of(
                "schemaVersion", 2, "mediaType", "application/vnd.oci.image.manifest.v1+json",
                "artifactType", "application/vnd.example.signature",
                "config", Map.of("mediaType", "application/vnd.oci.empty.v1+json", "digest", empty.digest(), "size", 2),
                "layers", List.of(),
                "subject", Map.of("mediaType", "application/vnd.oci.image.manifest.v1+json",
                        "digest", image.manifestDigest(), "size", image.manifest().bytes().length))));

        client.pushManifest(name, signature.digest(), signature, "application/vnd.oci.image.manifest.v1+json")
                .then().statusCode(201).header("OCI-Subject", image.manifestDigest());

        client.on(name, "pull").get("/v2/" + name + "/referrers/" + image.manifestDigest()).then().statusCode(200)
                .body("manifests[0].digest", equalTo(signature.digest()))
                .body("manifests[0].artifactType", equalTo("application/vnd.example.signature"));
        client.on(name, "pull").get("/v2/" + name + "/referrers/" + image.manifestDigest() + "?artifactType=application/x-other")
                .then().statusCode(200).header("OCI-Filters-Applied", "artifactType").body("manifests.size()", equalTo(0));
    }

    @Test
    void malformedNamesAndUnknownRepositoriesAreClearErrors() {
        String me = user();
        RegistryClient client = RegistryClient.as(me, "password123");
        client.on(me + "/Bad_Name", "pull").get("/v2/" + me + "/Bad_Name/tags/list").then().statusCode(400)
                .body("errors[0].code", equalTo("NAME_INVALID"));
        // Whoever could create it learns it does not exist (as the OCI spec wants)...
        client.on(me + "/missing", "pull").get("/v2/" + me + "/missing/tags/list").then().statusCode(404)
                .body("errors[0].code", equalTo("NAME_UNKNOWN"));
        // ...anyone else finds it looking like one they may not read, as on Docker Hub.
        String other = user();
        client.on(other + "/missing", "pull").get("/v2/" + other + "/missing/tags/list").then().statusCode(401)
                .body("errors[0].code", equalTo("UNAUTHORIZED"));
        given().get("/v2/" + me + "/x/no-such-endpoint").then().statusCode(404).body("errors[0].code", equalTo("NAME_UNKNOWN"));
    }

    @Test
    void aFirstPushFollowsTheNamespaceDefaultPrivacyAndThePlan() throws Exception {
        String me = Visitor.uniqueName("dp");
        Visitor owner = People.verified(me);
        owner.submit("/settings", "/settings/privacy", Map.of("privacy", "private")).then().statusCode(303);
        RegistryClient client = RegistryClient.as(me, "password123");

        client.pushImage(me + "/first", OciLayout.image(10), "v1");
        new Visitor().get("/r/" + me + "/first").then().statusCode(404);
        owner.get("/r/" + me + "/first").then().statusCode(200);
        // The free plan's one private repository is taken: a second private first push is refused.
        client.pushBlob(me + "/second", OciLayout.Blob.of(new byte[] { 7 })).then().statusCode(403)
                .body("errors[0].code", equalTo("DENIED"))
                .body("errors[0].message", containsString("allows 1 private repository"));
    }
}
