package dev.hoist.registry;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** A registry client over plain HTTP, doing Docker's token dance: ask /token for a scope, then send the bearer. */
final class RegistryClient {

    private final String username;
    private final String password;

    private RegistryClient(String username, String password) {
        this.username = username;
        this.password = password;
    }

    static RegistryClient as(String username, String password) {
        return new RegistryClient(username, password);
    }

    static RegistryClient anonymous() {
        return new RegistryClient(null, null);
    }

    /** A token for the given scopes, asked for together as clients do for a cross-repository mount. */
    String token(String... scopes) {
        RequestSpecification request = given().queryParam("service", "hoist");
        for (String scope : scopes == null ? new String[0] : scopes) {
            if (scope != null) {
                request.queryParam("scope", scope);
            }
        }
        if (username != null) {
            request.auth().preemptive().basic(username, password);
        }
        Response response = request.get("/token");
        if (response.statusCode() != 200) {
            throw new AssertionError("token refused: " + response.statusCode() + " " + response.asString());
        }
        return response.path("token");
    }

    /** A request with a token for {@code repository:<name>:<actions>}. */
    RequestSpecification on(String name, String actions) {
        return given().redirects().follow(false).header("Authorization", "Bearer " + token("repository:" + name + ":" + actions));
    }

    /** Uploads {@code bytes} in one request and returns the response. */
    Response pushBlob(String name, OciLayout.Blob blob) {
        return on(name, "pull,push").contentType("application/octet-stream").body(blob.bytes())
                .queryParam("digest", blob.digest()).post("/v2/" + name + "/blobs/uploads/");
    }

    Response pushManifest(String name, String reference, OciLayout.Blob manifest, String mediaType) {
        return on(name, "pull,push").contentType(mediaType).body(manifest.bytes()).put("/v2/" + name + "/manifests/" + reference);
    }

    /** Pushes the whole image under {@code tag}. */
    void pushImage(String name, OciLayout.Image image, String tag) {
        for (OciLayout.Blob blob : new OciLayout.Blob[] { image.layer(), image.config() }) {
            pushBlob(name, blob).then().statusCode(201);
        }
        pushManifest(name, tag, image.manifest(), "application/vnd.oci.image.manifest.v1+json").then().statusCode(201);
    }
}
