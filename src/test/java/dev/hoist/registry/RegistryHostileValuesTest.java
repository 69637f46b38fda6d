package dev.hoist.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.hoist.support.People;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Values that PostgreSQL or Java's number parsing cannot take (NUL bytes, control characters, numbers past 64 bits,
 * absurd lengths) answer a clear OCI error, never a 500, and store nothing.
 */
@QuarkusTest
class RegistryHostileValuesTest {

    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String HUGE = "99999999999999999999";

    private static void ociError(ValidatableResponse response, int status, String code) {
        response.statusCode(status).contentType(startsWith("application/json")).body("errors[0].code", equalTo(code));
    }

    /**
     * Control characters never reach the registry: the edge (dev.hoist.edge) refuses them first, in
     * JSON with its own code (see EdgeInputTest). Other bad values get the registry's code.
     */
    private static String code(String value, String registryCode, String edgeCode) {
        boolean control = value.chars().anyMatch(c -> c < 0x20) || value.contains("%0");
        return control ? edgeCode : registryCode;
    }

    /** An image manifest over the pushed config and layer, with {@code extra} fields added. */
    private static OciLayout.Blob manifest(OciLayout.Image image, Map<String, Object> extra) throws Exception {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("schemaVersion", 2);
        body.put("mediaType", OCI_MANIFEST);
        body.put("config", Map.of("mediaType", "application/vnd.oci.image.config.v1+json", "digest", image.config().digest(),
                "size", image.config().bytes().length));
        body.put("layers", List.of(Map.of("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip",
                "digest", image.layer().digest(), "size", image.layer().bytes().length)));
        body.putAll(extra);
        return OciLayout.Blob.of(OciLayout.JSON.writeValueAsBytes(body));
    }

    @Test
    void manifestsWithNulOrAbsurdFieldsAreInvalidAndNotStored() throws Exception {
        String me = People.newVerified("nul");
        String name = me + "/nul";
        RegistryClient client = RegistryClient.as(me, "password123");
        OciLayout.Image image = OciLayout.image(100);
        client.pushImage(name, image, "good");
        String subject = image.manifestDigest();
        List<Map<String, Object>> bad = List.of(
                Map.of("artifactType", "application/x\u0000y"),
                Map.of("artifactType", "application/" + "x".repeat(300)),
                Map.of("artifactType", "application/x\u0007y"),
                Map.of("subject", Map.of("mediaType", OCI_MANIFEST, "digest", subject + "\u0000", "size", 10)),
                Map.of("subject", Map.of("mediaType", OCI_MANIFEST, "digest", "md5:" + "a".repeat(32), "size", 10)),
                Map.of("subject", "not a descriptor"));
        for (Map<String, Object> extra : bad) {
            OciLayout.Blob m = manifest(image, extra);
            ociError(client.pushManifest(name, "bad", m, OCI_MANIFEST).then(), 400, "MANIFEST_INVALID");
            ociError(client.pushManifest(name, m.digest(), m, OCI_MANIFEST).then(), 400, "MANIFEST_INVALID");
            ociError(client.on(name, "pull").get("/v2/" + name + "/manifests/" + m.digest()).then(), 404, "MANIFEST_UNKNOWN");
        }
        // An index whose platform names carry control characters.
        OciLayout.Blob index = OciLayout.Blob.of(OciLayout.JSON.writeValueAsBytes(Map.of("schemaVersion", 2,
                "mediaType", ParsedManifest.OCI_INDEX, "manifests", List.of(Map.of("mediaType", OCI_MANIFEST,
                        "digest", subject, "size", image.manifest().bytes().length,
                        "platform", Map.of("os", "linux\u0000", "architecture", "amd64"))))));
        ociError(client.pushManifest(name, "bad", index, ParsedManifest.OCI_INDEX).then(), 400, "MANIFEST_INVALID");
        // Invalid UTF-8 inside a JSON string.
        byte[] broken = new String(manifest(image, Map.of("artifactType", "application/xQQ")).bytes(), StandardCharsets.UTF_8)
                .replace("xQQ", "x\u00ff").getBytes(StandardCharsets.ISO_8859_1);
        ociError(client.pushManifest(name, "bad", OciLayout.Blob.of(broken), OCI_MANIFEST).then(), 400, "MANIFEST_INVALID");

        client.on(name, "pull").get("/v2/" + name + "/tags/list").then().statusCode(200).body("tags", equalTo(List.of("good")));
    }

    @Test
    void badReferencesAreClearErrors() throws Exception {
        String me = People.newVerified("ref");
        String name = me + "/refs";
        RegistryClient client = RegistryClient.as(me, "password123");
        client.pushImage(name, OciLayout.image(100), "v1");
        for (String reference : new String[] { "%00", "a%00b", "a".repeat(300), "%01tag", "-dash" }) {
            String expected = code(reference, "MANIFEST_INVALID", "NAME_INVALID");
            ociError(client.on(name, "pull").urlEncodingEnabled(false).get("/v2/" + name + "/manifests/" + reference).then(),
                    400, expected);
            client.on(name, "pull").urlEncodingEnabled(false).head("/v2/" + name + "/manifests/" + reference).then()
                    .statusCode(400);
            ociError(client.on(name, "pull,delete").urlEncodingEnabled(false).delete("/v2/" + name + "/manifests/" + reference)
                    .then(), 400, expected);
        }
        for (String digest : new String[] { "sha256:%00", "md5:" + "a".repeat(32), "sha384:" + "a".repeat(96),
                "sha256:" + "a".repeat(300) }) {
            ociError(client.on(name, "pull").urlEncodingEnabled(false).get("/v2/" + name + "/manifests/" + digest).then(),
                    400, code(digest, "DIGEST_INVALID", "NAME_INVALID"));
            ociError(client.on(name, "pull").urlEncodingEnabled(false).get("/v2/" + name + "/blobs/" + digest).then(),
                    400, code(digest, "DIGEST_INVALID", "NAME_INVALID"));
        }
        client.on(name, "pull").get("/v2/" + name + "/tags/list").then().statusCode(200).body("tags", equalTo(List.of("v1")));
    }

    @Test
    void listParametersAreChecked() throws Exception {
        String me = People.newVerified("lists");
        String name = me + "/lists";
        RegistryClient client = RegistryClient.as(me, "password123");
        client.pushImage(name, OciLayout.image(100), "v1");
        String catalog = RegistryClient.as(me, "password123").token("registry:catalog:*");
        for (String n : new String[] { "abc", "-1", HUGE, "1.5", "" + Long.MAX_VALUE }) {
            ociError(client.on(name, "pull").get("/v2/" + name + "/tags/list?n=" + n).then(), 400, "PAGINATION_NUMBER_INVALID");
            ociError(given().header("Authorization", "Bearer " + catalog).get("/v2/_catalog?n=" + n).then(), 400,
                    "PAGINATION_NUMBER_INVALID");
        }
        for (String last : new String[] { "%00", "a%01b", "x".repeat(300) }) {
            ociError(client.on(name, "pull").urlEncodingEnabled(false).get("/v2/" + name + "/tags/list?last=" + last).then(),
                    400, "NAME_INVALID");
            ociError(given().urlEncodingEnabled(false).header("Authorization", "Bearer " + catalog)
                    .get("/v2/_catalog?last=" + last).then(), 400, "NAME_INVALID");
        }
    }

    @Test
    void rangesPastAnyNumberAreUnsatisfiable() throws Exception {
        String me = People.newVerified("range");
        String name = me + "/ranges";
        RegistryClient client = RegistryClient.as(me, "password123");
        OciLayout.Image image = OciLayout.image(1000);
        client.pushImage(name, image, "v1");
        String blob = "/v2/" + name + "/blobs/" + image.layer().digest();
        int size = image.layer().bytes().length;
        for (String range : new String[] { "bytes=" + HUGE + "-", "bytes=" + HUGE + "-" + HUGE, "bytes=" + size + "-" }) {
            ociError(client.on(name, "pull").header("Range", range).get(blob).then(), 416, "RANGE_INVALID");
            client.on(name, "pull").header("Range", range).get(blob).then().header("Content-Range", "bytes */" + size);
        }
        // A suffix or an end past the blob is cut to the blob, as RFC 9110 says.
        client.on(name, "pull").header("Range", "bytes=-" + HUGE).get(blob).then().statusCode(206)
                .header("Content-Range", "bytes 0-" + (size - 1) + "/" + size);
        client.on(name, "pull").header("Range", "bytes=10-" + HUGE).get(blob).then().statusCode(206)
                .header("Content-Range", "bytes 10-" + (size - 1) + "/" + size);
    }

    @Test
    void chunkRangesPastAnyNumberAreRefused() {
        String me = People.newVerified("chunk");
        String name = me + "/chunks";
        RegistryClient client = RegistryClient.as(me, "password123");
        client.pushBlob(name, OciLayout.Blob.of(new byte[] { 1 })).then().statusCode(201);
        String location = client.on(name, "pull,push").post("/v2/" + name + "/blobs/uploads/").then().statusCode(202)
                .extract().header("Location");
        for (String range : new String[] { "0-" + HUGE, HUGE + "-" + HUGE, "bytes 0-" + HUGE, "5-2" }) {
            ociError(client.on(name, "pull,push").contentType("application/octet-stream").header("Content-Range", range)
                    .body(new byte[] { 1, 2, 3 }).patch(location).then(), 400, "BLOB_UPLOAD_INVALID");
        }
        // A start that is not where the upload stands is the spec's 416, which says where it does stand.
        ValidatableResponse outOfOrder = client.on(name, "pull,push").contentType("application/octet-stream")
                .header("Content-Range", "7-9").body(new byte[] { 1, 2, 3 }).patch(location).then();
        ociError(outOfOrder, 416, "RANGE_INVALID");
        outOfOrder.header("Location", location).header("Range", "0-0")
                .header("Docker-Upload-UUID", location.substring(location.lastIndexOf('/') + 1));
        client.on(name, "pull,push").get(location).then().statusCode(204).header("Range", "0-0");
    }

    @Test
    void tokenRequestsWithControlCharactersOrAbsurdNamesAreRefused() {
        String me = People.newVerified("tok");
        for (String username : new String[] { me + "\u0000", "a\u0000b", "x".repeat(400), "a\u0001b" }) {
            String basic = Base64.getEncoder().encodeToString((username + ":password123").getBytes(StandardCharsets.UTF_8));
            ociError(given().header("Authorization", "Basic " + basic).queryParam("service", "hoist").get("/token").then(), 400,
                    code(username, "NAME_INVALID", "UNAUTHORIZED"));
            ociError(given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                    .formParam("username", username).formParam("password", "password123").post("/token").then(), 400,
                    code(username, "NAME_INVALID", "UNSUPPORTED"));
        }
        for (String scope : new String[] { "repository:" + me + "/a\u0000b:pull", "repository:" + me + "\u0000/x:pull,push",
                "repository:" + me + "/x\u0001:pull" }) {
            ociError(given().auth().preemptive().basic(me, "password123").queryParam("service", "hoist")
                    .queryParam("scope", scope).get("/token").then(), 400, code(scope, "NAME_INVALID", "UNSUPPORTED"));
            ociError(given().queryParam("service", "hoist").queryParam("scope", scope).get("/token").then(), 400,
                    code(scope, "NAME_INVALID", "UNSUPPORTED"));
        }
        // The account still signs in: nothing was counted against it.
        RegistryClient.as(me, "password123").token("repository:" + me + "/x:pull");
    }
}
