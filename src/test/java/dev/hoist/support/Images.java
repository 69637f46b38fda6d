package dev.hoist.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Small images pushed through the registry API as a client does, for tests outside the registry's package. */
public final class Images {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Images() {
    }

    /** What was pushed: the manifest's digest and size. */
    public record Pushed(String digest, long size) {
    }

    /** Pushes a one-layer image for {@code os/architecture} under {@code reference} (a tag, or its digest when null). */
    public static Pushed push(String user, String password, String repo, String reference, String os, String architecture)
            throws Exception {
        String token = token(user, password, repo);
        byte[] layer = ("layer of " + repo + " " + architecture + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        byte[] config = JSON.writeValueAsBytes(Map.of("architecture", architecture, "os", os,
                "rootfs", Map.of("type", "layers", "diff_ids", List.of(digest(layer)))));
        for (byte[] blob : List.of(layer, config)) {
            given().header("Authorization", "Bearer " + token).contentType("application/octet-stream").body(blob)
                    .queryParam("digest", digest(blob)).post("/v2/" + repo + "/blobs/uploads/").then().statusCode(201);
        }
        byte[] manifest = JSON.writeValueAsBytes(Map.of("schemaVersion", 2,
                "mediaType", "application/vnd.oci.image.manifest.v1+json",
                "config", Map.of("mediaType", "application/vnd.oci.image.config.v1+json", "digest", digest(config),
                        "size", config.length),
                "layers", List.of(Map.of("mediaType", "application/vnd.oci.image.layer.v1.tar", "digest", digest(layer),
                        "size", layer.length))));
        put(token, repo, reference == null ? digest(manifest) : reference, manifest, "application/vnd.oci.image.manifest.v1+json");
        return new Pushed(digest(manifest), manifest.length);
    }

    /** Pushes an index of {@code children} (each pushed by digest before, for linux/architecture) under {@code tag}. */
    public static String pushIndex(String user, String password, String repo, String tag, Map<String, Pushed> children)
            throws Exception {
        List<Map<String, Object>> manifests = children.entrySet().stream().map(e -> Map.<String, Object>of(
                "mediaType", "application/vnd.oci.image.manifest.v1+json", "digest", e.getValue().digest(),
                "size", e.getValue().size(), "platform", Map.of("os", "linux", "architecture", e.getKey()))).toList();
        byte[] index = JSON.writeValueAsBytes(Map.of("schemaVersion", 2,
                "mediaType", "application/vnd.oci.image.index.v1+json", "manifests", manifests));
        put(token(user, password, repo), repo, tag, index, "application/vnd.oci.image.index.v1+json");
        return digest(index);
    }

    private static void put(String token, String repo, String reference, byte[] manifest, String type) {
        given().header("Authorization", "Bearer " + token).contentType(type).body(manifest)
                .put("/v2/" + repo + "/manifests/" + reference).then().statusCode(201);
    }

    private static String token(String user, String password, String repo) {
        return given().auth().preemptive().basic(user, password).queryParam("service", "hoist")
                .queryParam("scope", "repository:" + repo + ":pull,push").get("/token").then().statusCode(200)
                .extract().path("token");
    }

    public static String digest(byte[] bytes) throws NoSuchAlgorithmException {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
