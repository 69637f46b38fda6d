package dev.hoist.registry;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.hoist.support.People;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The referrers flows of the OCI conformance program, reproduced: artifacts whose type comes from
 * their config's media type or from {@code artifactType}, with annotations, pushed before and after
 * their subject, an index with a subject, and a referrer of a subject never pushed.
 */
@QuarkusTest
class ReferrersFlowTest {

    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final String TYPE_A = "application/vnd.nhl.peanut.butter.bagel";
    private static final String TYPE_B = "application/vnd.nba.strawberry.jam.croissant";
    private static final String TYPE_INDEX = "application/vnd.food.stand";
    private static final OciLayout.Blob EMPTY = OciLayout.Blob.of("{}".getBytes(StandardCharsets.UTF_8));

    @Test
    void everyManifestWithASubjectIsListedWithItsTypeAndAnnotationsWhenEverItWasPushed() throws Exception {
        String me = People.newVerified("referrers");
        String name = me + "/flows";
        RegistryClient client = RegistryClient.as(me, "password123");
        OciLayout.Image subject = OciLayout.image(300);
        OciLayout.Blob blobA = OciLayout.Blob.of("NHL Peanut Butter on my NHL bagel".getBytes(StandardCharsets.UTF_8));
        OciLayout.Blob blobB = OciLayout.Blob.of("NBA Strawberry Jam on my NBA croissant".getBytes(StandardCharsets.UTF_8));
        String about = descriptor(OCI_MANIFEST, subject.manifest());

        // Before the subject exists: its referrers may come first.
        client.pushBlob(name, EMPTY).then().statusCode(201);
        client.pushBlob(name, blobA).then().statusCode(201);
        OciLayout.Blob configA = artifact(null, descriptor(TYPE_A, blobA), descriptor("application/vnd.oci.empty.v1+json", EMPTY),
                about, "test config a");
        OciLayout.Blob layerA = artifact(TYPE_A, descriptor("application/vnd.oci.empty.v1+json", EMPTY), descriptor(TYPE_A, blobA),
                about, "test layer a");
        for (OciLayout.Blob manifest : new OciLayout.Blob[] { configA, layerA }) {
            client.pushManifest(name, manifest.digest(), manifest, OCI_MANIFEST).then().statusCode(201)
                    .header("OCI-Subject", subject.manifestDigest());
        }
        client.pushImage(name, subject, "subject");
        client.pushBlob(name, blobB).then().statusCode(201);
        OciLayout.Blob configB = artifact(null, descriptor(TYPE_B, blobB), descriptor("application/vnd.oci.empty.v1+json", EMPTY),
                about, "test config b");
        OciLayout.Blob layerB = artifact(TYPE_B, descriptor("application/vnd.oci.empty.v1+json", EMPTY), descriptor(TYPE_B, blobB),
                about, "test layer b");
        for (OciLayout.Blob manifest : new OciLayout.Blob[] { configB, layerB }) {
            client.pushManifest(name, manifest.digest(), manifest, OCI_MANIFEST).then().statusCode(201)
                    .header("OCI-Subject", subject.manifestDigest());
        }
        OciLayout.Blob index = blob("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"artifactType\":\"" + TYPE_INDEX
                + "\",\"manifests\":[" + descriptor(OCI_MANIFEST, configA) + "," + descriptor(OCI_MANIFEST, layerA) + "],"
                + "\"subject\":" + about + ",\"annotations\":{\"org.opencontainers.conformance.test\":\"test index\"}}");
        client.pushManifest(name, index.digest(), index, OCI_INDEX).then().statusCode(201)
                .header("OCI-Subject", subject.manifestDigest());
        // A referrer of a subject that is never pushed is kept too.
        OciLayout.Image never = OciLayout.image(200);
        OciLayout.Blob orphan = artifact(TYPE_B, descriptor("application/vnd.oci.empty.v1+json", EMPTY), descriptor(TYPE_B, blobB),
                descriptor(OCI_MANIFEST, never.manifest()), "orphan");
        client.pushManifest(name, orphan.digest(), orphan, OCI_MANIFEST).then().statusCode(201);

        String referrers = "/v2/" + name + "/referrers/" + subject.manifestDigest();
        client.on(name, "pull").get(referrers).then().statusCode(200).contentType(OCI_INDEX)
                .body("manifests", hasSize(5))
                .body("manifests.digest", containsInAnyOrder(configA.digest(), layerA.digest(), configB.digest(),
                        layerB.digest(), index.digest()))
                .body("manifests.find { it.digest == '" + configA.digest() + "' }.artifactType", equalTo(TYPE_A))
                .body("manifests.find { it.digest == '" + layerB.digest() + "' }.artifactType", equalTo(TYPE_B))
                .body("manifests.find { it.digest == '" + index.digest() + "' }.artifactType", equalTo(TYPE_INDEX))
                .body("manifests.find { it.digest == '" + index.digest() + "' }.mediaType", equalTo(OCI_INDEX))
                .body("manifests.find { it.digest == '" + configA.digest() + "' }.annotations.'org.opencontainers.conformance.test'",
                        equalTo("test config a"))
                .body("manifests.find { it.digest == '" + index.digest() + "' }.annotations.'org.opencontainers.conformance.test'",
                        equalTo("test index"));
        client.on(name, "pull").queryParam("artifactType", TYPE_A).get(referrers).then().statusCode(200)
                .header("OCI-Filters-Applied", "artifactType")
                .body("manifests.digest", containsInAnyOrder(configA.digest(), layerA.digest()));
        client.on(name, "pull").get("/v2/" + name + "/referrers/" + never.manifestDigest()).then().statusCode(200)
                .body("manifests.digest", containsInAnyOrder(orphan.digest()));
        client.on(name, "pull").get("/v2/" + name + "/referrers/sha256:" + "b".repeat(64)).then().statusCode(200)
                .body("manifests", hasSize(0));
    }

    /** An image manifest with a subject; {@code artifactType} null lets its config's media type say what it is. */
    private static OciLayout.Blob artifact(String artifactType, String config, String layer, String subject, String note) {
        return blob("{\n\t\"schemaVersion\": 2,\n\t\"mediaType\": \"" + OCI_MANIFEST + "\",\n"
                + (artifactType == null ? "" : "\t\"artifactType\": \"" + artifactType + "\",\n")
                + "\t\"config\": " + config + ",\n\t\"layers\": [" + layer + "],\n\t\"subject\": " + subject
                + ",\n\t\"annotations\": {\"org.opencontainers.conformance.test\": \"" + note + "\"}\n}");
    }

    private static String descriptor(String mediaType, OciLayout.Blob blob) {
        return "{\"mediaType\":\"" + mediaType + "\",\"size\":" + blob.bytes().length + ",\"digest\":\"" + blob.digest() + "\"}";
    }

    private static OciLayout.Blob blob(String json) {
        return OciLayout.Blob.of(json.getBytes(StandardCharsets.UTF_8));
    }
}
