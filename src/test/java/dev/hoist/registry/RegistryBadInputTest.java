package dev.hoist.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.People;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hostile or broken requests get the right OCI error and leave nothing stored. */
@QuarkusTest
class RegistryBadInputTest {

    @TestHTTPResource("/")
    URL base;

    private static String user() {
        return People.newVerified("bad");
    }

    @Test
    void namesWithPathTricksOrTooLongAreInvalid() {
        String me = user();
        RegistryClient client = RegistryClient.as(me, "password123");
        for (String name : new String[] { "UPPER", "a".repeat(256), "a..b", "-x", "x_", "a.b" }) {
            client.on(me + "/" + name, "pull").get("/v2/" + me + "/" + name + "/tags/list").then().statusCode(400)
                    .body("errors[0].code", equalTo("NAME_INVALID"));
        }
        // Dot segments are resolved before routing, and encoded slashes are not separators: neither reaches a repository.
        given().get("/v2/" + me + "/../tags/list").then().statusCode(404).body("errors[0].code", equalTo("NAME_UNKNOWN"));
        given().urlEncodingEnabled(false).get("/v2/" + me + "/%2e%2e/x/tags/list").then().statusCode(not(equalTo(200)));
        given().urlEncodingEnabled(false).get("/v2/" + me + "%2Fother/tags/list").then().statusCode(not(equalTo(200)));
    }

    @Test
    void unknownManifestMediaTypesAreRefused() throws Exception {
        String me = user();
        String name = me + "/types";
        RegistryClient client = RegistryClient.as(me, "password123");
        byte[] body = OciLayout.JSON.writeValueAsBytes(Map.of("schemaVersion", 2, "mediaType", "application/x-unknown"));
        client.pushManifest(name, "v1", OciLayout.Blob.of(body), "application/x-unknown").then().statusCode(400)
                .body("errors[0].code", equalTo("MANIFEST_INVALID"));
        byte[] v1 = OciLayout.JSON.writeValueAsBytes(Map.of("schemaVersion", 1, "name", name));
        client.pushManifest(name, "v1", OciLayout.Blob.of(v1), "application/vnd.docker.distribution.manifest.v1+json")
                .then().statusCode(400).body("errors[0].code", equalTo("MANIFEST_INVALID"));
        client.on(name, "pull").get("/v2/" + name + "/manifests/v1").then().statusCode(404);
    }

    @Test
    void aTruncatedUploadStoresNothing() throws Exception {
        String me = user();
        String name = me + "/cut";
        RegistryClient client = RegistryClient.as(me, "password123");
        byte[] data = OciLayout.random(200_000);
        OciLayout.Blob blob = OciLayout.Blob.of(data);
        String token = client.token("repository:" + name + ":pull,push");
        // Create the repository with a first, complete blob.
        client.pushBlob(name, OciLayout.Blob.of(new byte[] { 1 })).then().statusCode(201);

        // Announce 200,000 bytes, send 50,000 and hang up.
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            String head = "POST /v2/" + name + "/blobs/uploads/?digest=" + blob.digest() + " HTTP/1.1\r\n"
                    + "Host: " + base.getHost() + "\r\nAuthorization: Bearer " + token + "\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: " + data.length + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(data, 0, 50_000);
            out.flush();
        }
        Thread.sleep(500);

        client.on(name, "pull").head("/v2/" + name + "/blobs/" + blob.digest()).then().statusCode(404);
        // The same blob, sent whole, is then accepted.
        client.pushBlob(name, blob).then().statusCode(201);
    }

    @Test
    void hugeHeadersAreRefusedWithoutHarm() throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            String head = "GET /v2/ HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(100_000) + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertTrue(status.startsWith("HTTP/1.1 4"), status);
        }
        given().get("/v2/").then().statusCode(401);
    }

    @Test
    void sha512DigestsWork() {
        String me = user();
        String name = me + "/wide";
        RegistryClient client = RegistryClient.as(me, "password123");
        byte[] data = OciLayout.random(5000);
        String digest;
        try {
            digest = "sha512:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-512").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        client.on(name, "pull,push").contentType("application/octet-stream").body(data).queryParam("digest", digest)
                .post("/v2/" + name + "/blobs/uploads/").then().statusCode(201);
        client.on(name, "pull").get("/v2/" + name + "/blobs/" + digest).then().statusCode(200)
                .header("Docker-Content-Digest", digest);
    }
}
