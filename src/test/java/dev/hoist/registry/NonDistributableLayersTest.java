package dev.hoist.registry;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.hoist.support.People;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Non-distributable ("foreign") layers, as Windows base images carry: a manifest naming them is
 * accepted whether or not they were uploaded, an upload of one works like any other, one never
 * uploaded is never served, and an ordinary layer that is missing is still refused.
 */
@QuarkusTest
class NonDistributableLayersTest {

    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String FOREIGN = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
    private static final String DOCKER_FOREIGN = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

    @Test
    void aManifestWithForeignLayersIsAcceptedWhetherOrNotTheyWereUploaded() throws Exception {
        String me = People.newVerified("foreign");
        String name = me + "/windows";
        RegistryClient client = RegistryClient.as(me, "password123");
        OciLayout.Blob config = OciLayout.Blob.of("{\"architecture\":\"amd64\",\"os\":\"windows\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8));
        OciLayout.Blob notUploaded = OciLayout.Blob.of(OciLayout.random(2_000));
        OciLayout.Blob uploaded = OciLayout.Blob.of(OciLayout.random(3_000));
        OciLayout.Blob ordinary = OciLayout.Blob.of(OciLayout.random(1_000));
        client.pushBlob(name, config).then().statusCode(201);
        client.pushBlob(name, uploaded).then().statusCode(201);
        client.pushBlob(name, ordinary).then().statusCode(201);

        OciLayout.Blob manifest = manifest(config, layer(notUploaded, FOREIGN), layer(uploaded, DOCKER_FOREIGN), layer(ordinary,
                "application/vnd.oci.image.layer.v1.tar+gzip"));
        client.pushManifest(name, "ltsc", manifest, OCI_MANIFEST).then().statusCode(201)
                .header("Docker-Content-Digest", manifest.digest());

        client.on(name, "pull").get("/v2/" + name + "/manifests/ltsc").then().statusCode(200)
                .header("Docker-Content-Digest", manifest.digest());
        client.on(name, "pull").get("/v2/" + name + "/tags/list").then().body("tags", hasItem("ltsc"));
        // What was never uploaded is never served; what was is, like any blob.
        client.on(name, "pull").get("/v2/" + name + "/blobs/" + notUploaded.digest()).then().statusCode(404)
                .body("errors[0].code", equalTo("BLOB_UNKNOWN"));
        client.on(name, "pull").get("/v2/" + name + "/blobs/" + uploaded.digest()).then().statusCode(200);
    }

    @Test
    void aMissingOrdinaryLayerIsStillRefused() throws Exception {
        String me = People.newVerified("foreignmiss");
        String name = me + "/linux";
        RegistryClient client = RegistryClient.as(me, "password123");
        OciLayout.Blob config = OciLayout.Blob.of("{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8));
        client.pushBlob(name, config).then().statusCode(201);
        OciLayout.Blob missing = OciLayout.Blob.of(OciLayout.random(500));

        client.pushManifest(name, "v1", manifest(config, layer(OciLayout.Blob.of(OciLayout.random(400)), FOREIGN),
                layer(missing, "application/vnd.oci.image.layer.v1.tar+gzip")), OCI_MANIFEST).then().statusCode(404)
                .body("errors[0].code", equalTo("MANIFEST_BLOB_UNKNOWN"))
                .body("errors[0].detail", equalTo(missing.digest()));
    }

    private static String layer(OciLayout.Blob blob, String mediaType) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + blob.digest() + "\",\"size\":" + blob.bytes().length
                + (mediaType.contains("foreign") || mediaType.contains("nondistributable")
                        ? ",\"urls\":[\"https://example.invalid/layers/" + blob.digest() + "\"]" : "")
                + "}";
    }

    private static OciLayout.Blob manifest(OciLayout.Blob config, String... layers) {
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config.digest() + "\",\"size\":"
                + config.bytes().length + "},\"layers\":[" + String.join(",", layers) + "]}";
        return OciLayout.Blob.of(json.getBytes(StandardCharsets.UTF_8));
    }
}
