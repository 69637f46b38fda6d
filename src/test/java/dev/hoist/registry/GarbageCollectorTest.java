package dev.hoist.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.storage.BlobStore;
import dev.hoist.storage.Digest;
import dev.hoist.support.People;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Online garbage collection: what a deleted image leaves is freed, what is in use or just pushed
 * stays, and a push racing with the collector never ends with a reference to a missing blob.
 * Instead of waiting out a grace period the tests make their own blobs look two hours old.
 */
@QuarkusTest
class GarbageCollectorTest {

    private static final Duration GRACE = Duration.ofHours(1);
    private static final String IMAGE = "application/vnd.oci.image.manifest.v1+json";

    @Inject
    GarbageCollector collector;

    @Inject
    BlobStore store;

    @Inject
    EntityManager em;

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aDeletedImageIsFreedFromDiskAndLiveImagesStillPull() throws Exception {
        String me = People.newVerified("gc");
        RegistryClient client = RegistryClient.as(me, "password123");
        OciLayout.Image deleted = OciLayout.image(50_000);
        OciLayout.Image live = OciLayout.image(50_000);
        client.pushImage(me + "/old", deleted, "v1");
        client.pushImage(me + "/app", live, "v1");
        client.on(me + "/old", "pull,delete").delete("/v2/" + me + "/old/manifests/" + deleted.manifestDigest())
                .then().statusCode(202);
        ageAll(deleted, live);

        GarbageCollector.Freed freed = collector.collect(GRACE);

        for (OciLayout.Blob blob : List.of(deleted.layer(), deleted.config())) {
            assertFalse(Files.exists(fileOf(blob)), "the deleted image's blob is gone from disk");
            client.on(me + "/old", "pull").get("/v2/" + me + "/old/blobs/" + blob.digest()).then().statusCode(404)
                    .body("errors[0].code", equalTo("BLOB_UNKNOWN"));
        }
        assertTrue(freed.blobs() >= 2 && freed.references() >= 2, freed.toString());
        assertTrue(freed.bytes() >= deleted.layer().bytes().length + deleted.config().bytes().length, freed.toString());
        assertPullable(client, me + "/app", live);
    }

    @Test
    void aBlobAnotherRepositoryUsesStays() throws Exception {
        String me = People.newVerified("gc");
        RegistryClient client = RegistryClient.as(me, "password123");
        OciLayout.Image image = OciLayout.image(20_000);
        client.pushImage(me + "/first", image, "v1");
        client.pushImage(me + "/second", image, "v1");
        client.on(me + "/first", "pull,delete").delete("/v2/" + me + "/first/manifests/" + image.manifestDigest())
                .then().statusCode(202);
        ageAll(image);

        collector.collect(GRACE);

        assertTrue(Files.exists(fileOf(image.layer())));
        client.on(me + "/first", "pull").head("/v2/" + me + "/first/blobs/" + image.layer().digest()).then().statusCode(404);
        assertPullable(client, me + "/second", image);
    }

    @Test
    void anIndexKeepsTheManifestsItNamesEvenWhenTheyWerePushedAsBlobs() throws Exception {
        String me = People.newVerified("gc");
        String name = me + "/multi";
        RegistryClient client = RegistryClient.as(me, "password123");
        OciLayout.Image image = OciLayout.image(10_000);
        client.pushImage(name, image, "amd64");
        // Some tools upload a child manifest's bytes as a blob too.
        client.pushBlob(name, image.manifest()).then().statusCode(201);
        OciLayout.Blob index = OciLayout.Blob.of(OciLayout.JSON.writeValueAsBytes(java.util.Map.of(
                "schemaVersion", 2, "mediaType", "application/vnd.oci.image.index.v1+json",
                "manifests", List.of(java.util.Map.of("mediaType", IMAGE, "digest", image.manifestDigest(),
                        "size", image.manifest().bytes().length,
                        "platform", java.util.Map.of("os", "linux", "architecture", "amd64"))))));
        client.pushManifest(name, "latest", index, "application/vnd.oci.image.index.v1+json").then().statusCode(201);
        ageAll(image);
        age(image.manifestDigest());

        collector.collect(GRACE);

        assertArrayEquals(image.manifest().bytes(),
                client.on(name, "pull").get("/v2/" + name + "/blobs/" + image.manifestDigest()).asByteArray());
        client.on(name, "pull").accept("application/vnd.oci.image.index.v1+json").get("/v2/" + name + "/manifests/latest")
                .then().statusCode(200);
        assertPullable(client, name, image, "amd64");
    }

    @Test
    void aBlobUploadedMomentsAgoStaysUntilItsGracePeriodEnds() throws Exception {
        String me = People.newVerified("gc");
        String name = me + "/pending";
        RegistryClient client = RegistryClient.as(me, "password123");
        OciLayout.Blob fresh = OciLayout.Blob.of(OciLayout.random(5000));
        OciLayout.Blob abandoned = OciLayout.Blob.of(OciLayout.random(5000));
        client.pushBlob(name, fresh).then().statusCode(201);
        client.pushBlob(name, abandoned).then().statusCode(201);
        age(abandoned.digest());

        collector.collect(GRACE);

        assertArrayEquals(fresh.bytes(), client.on(name, "pull").get("/v2/" + name + "/blobs/" + fresh.digest()).asByteArray());
        assertFalse(Files.exists(fileOf(abandoned)), "uploaded two hours ago and never used");
        // Uploading it again brings it back, young.
        client.pushBlob(name, abandoned).then().statusCode(201);
        collector.collect(GRACE);
        assertArrayEquals(abandoned.bytes(),
                client.on(name, "pull").get("/v2/" + name + "/blobs/" + abandoned.digest()).asByteArray());
    }

    @Test
    void pushesAndMountsRacingWithTheCollectorNeverLeaveAReferenceWithoutItsBlob() throws Exception {
        String me = People.newVerified("gcrace");
        String source = me + "/source";
        RegistryClient client = RegistryClient.as(me, "password123");
        OciLayout.Blob config = OciLayout.Blob.of("{\"os\":\"linux\",\"architecture\":\"amd64\"}".getBytes());
        int committed = 0;
        for (int r = 0; r < 30; r++) {
            int round = r;
            // A blob the collector means to free: unused, and old.
            OciLayout.Blob blob = OciLayout.Blob.of(OciLayout.random(2000));
            client.pushBlob(source, blob).then().statusCode(201);
            age(blob.digest());
            client.pushBlob(source, config).then().statusCode(201);
            String target = me + "/target" + round % 3;
            // Tokens are fetched first, so that only the registry request races.
            RequestSpecification request = switch (round % 3) {
                case 0 -> mountRequest(client, source, target, blob);
                case 1 -> client.on(target, "pull,push").contentType("application/octet-stream").body(blob.bytes())
                        .queryParam("digest", blob.digest());
                default -> client.on(source, "pull,push").contentType(IMAGE).body(manifest(config, blob).bytes());
            };
            String path = round % 3 == 2 ? "/v2/" + source + "/manifests/r" + round : "/v2/" + target + "/blobs/uploads/";
            java.util.concurrent.atomic.AtomicReference<String> answer = new java.util.concurrent.atomic.AtomicReference<>();
            Callable<Integer> push = () -> {
                io.restassured.response.Response response = round % 3 == 2 ? request.put(path) : request.post(path);
                answer.set(response.asString());
                return response.statusCode();
            };
            int status = bothAtOnce(push, () -> collector.collect(GRACE), round);

            assertTrue(List.of(201, 202, 404).contains(status), "round " + round + ": " + status + " " + answer.get());
            committed += status == 201 ? 1 : 0;
            for (String repo : repositoriesReferencing(blob.digest())) {
                assertTrue(store.exists(Digest.parse(blob.digest())), "round " + round + ": " + repo + " references a missing blob");
                assertArrayEquals(blob.bytes(), client.on(repo, "pull").get("/v2/" + repo + "/blobs/" + blob.digest()).asByteArray());
            }
        }
        assertTrue(committed > 0, "some pushes won their race");
    }

    /** Answered 201 when mounted, 202 when the source's blob was gone and an upload was started instead. */
    private static RequestSpecification mountRequest(RegistryClient client, String source, String target, OciLayout.Blob blob) {
        String token = client.token("repository:" + target + ":pull,push", "repository:" + source + ":pull");
        return given().header("Authorization", "Bearer " + token).queryParam("mount", blob.digest()).queryParam("from", source)
                .contentType("application/octet-stream");
    }

    private static OciLayout.Blob manifest(OciLayout.Blob config, OciLayout.Blob layer) throws Exception {
        return OciLayout.Blob.of(OciLayout.JSON.writeValueAsBytes(java.util.Map.of(
                "schemaVersion", 2, "mediaType", IMAGE,
                "config", java.util.Map.of("mediaType", "application/vnd.oci.image.config.v1+json",
                        "digest", config.digest(), "size", config.bytes().length),
                "layers", List.of(java.util.Map.of("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip",
                        "digest", layer.digest(), "size", layer.bytes().length)))));
    }

    private static void assertPullable(RegistryClient client, String name, OciLayout.Image image) {
        assertPullable(client, name, image, "v1");
    }

    private static void assertPullable(RegistryClient client, String name, OciLayout.Image image, String tag) {
        Response manifest = client.on(name, "pull").accept(IMAGE).get("/v2/" + name + "/manifests/" + tag);
        manifest.then().statusCode(200);
        assertArrayEquals(image.manifest().bytes(), manifest.asByteArray());
        for (OciLayout.Blob blob : List.of(image.layer(), image.config())) {
            assertArrayEquals(blob.bytes(), client.on(name, "pull").get("/v2/" + name + "/blobs/" + blob.digest()).asByteArray());
        }
    }

    private static void ageAll(OciLayout.Image... images) {
        for (OciLayout.Image image : images) {
            age(image.layer().digest());
            age(image.config().digest());
        }
    }

    /** Makes every reference to the blob, and its file, two hours old. */
    private static void age(String digest) {
        BlobAges.age(digest, Duration.ofHours(2));
    }

    @SuppressWarnings("unchecked")
    private List<String> repositoriesReferencing(String digest) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                SELECT n.name || '/' || r.name FROM repository_blobs rb JOIN repositories r ON r.id = rb.repository_id
                JOIN namespaces n ON n.id = r.namespace_id WHERE rb.digest = ?1
                """).setParameter(1, digest).getResultList());
    }

    private static Path fileOf(OciLayout.Blob blob) {
        return BlobAges.fileOf(blob.digest());
    }

    /** Starts both together, the push a little later each round, so that it lands at varied points of the run. */
    private int bothAtOnce(Callable<Integer> push, Runnable collect, int round) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Future<Integer> pushed = threads.submit(() -> {
            start.await(10, TimeUnit.SECONDS);
            Thread.sleep(round % 10 * 3);
            return push.call();
        });
        Future<?> collected = threads.submit(() -> {
            start.await(10, TimeUnit.SECONDS);
            collect.run();
            return null;
        });
        collected.get(60, TimeUnit.SECONDS);
        return pushed.get(60, TimeUnit.SECONDS);
    }
}
