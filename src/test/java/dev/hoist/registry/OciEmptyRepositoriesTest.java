package dev.hoist.registry;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoist.support.People;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the OCI conformance program asks of names with nothing in them yet, and of a closing PUT
 * that carries the last chunk: answers by the specification, and nothing an outsider can learn.
 */
@QuarkusTest
class OciEmptyRepositoriesTest {

    @Test
    void whoeverCouldCreateARepositoryMayAskItAndLearnsItIsUnknown() {
        String me = People.newVerified("ociempty");
        String name = me + "/not-yet";
        RegistryClient client = RegistryClient.as(me, "password123");

        assertEquals(List.of("pull"), actionsOf(client.token("repository:" + name + ":pull")));
        assertEquals(List.of("pull", "push"), actionsOf(client.token("repository:" + name + ":pull,push")));
        ociError(client.on(name, "pull").get("/v2/" + name + "/tags/list").then(), 404, "NAME_UNKNOWN");
        ociError(client.on(name, "pull").get("/v2/" + name + "/blobs/sha256:" + "a".repeat(64)).then(), 404, "NAME_UNKNOWN");
        ociError(client.on(name, "pull").head("/v2/" + name + "/manifests/latest").then(), 404, null);
    }

    @Test
    void anOutsiderLearnsNothingOfANameWhetherItIsMissingOrPrivate() throws Exception {
        String me = People.newVerified("ociowner");
        RegistryClient owner = RegistryClient.as(me, "password123");
        owner.pushImage(me + "/secret", OciLayout.image(500), "v1");
        dev.hoist.support.Visitor page = new dev.hoist.support.Visitor();
        page.submit("/login", "/login", java.util.Map.of("username", me, "password", "password123")).then().statusCode(303);
        page.submit("/r/" + me + "/secret/settings", "/r/" + me + "/secret/settings/visibility",
                java.util.Map.of("visibility", "private")).then().statusCode(303);
        RegistryClient outsider = RegistryClient.as(People.newVerified("ocioutsider"), "password123");

        for (String name : List.of(me + "/secret", me + "/missing")) {
            assertEquals(List.of(), actionsOf(outsider.token("repository:" + name + ":pull")));
            ValidatableResponse answer = outsider.on(name, "pull").get("/v2/" + name + "/tags/list").then();
            ociError(answer, 401, "UNAUTHORIZED");
            answer.header("WWW-Authenticate", startsWith("Bearer realm="));
        }
    }

    @Test
    void aRepositoryWhoseTagsAreAllDeletedListsNoTags() throws Exception {
        String me = People.newVerified("ocinotags");
        String name = me + "/emptied";
        RegistryClient client = RegistryClient.as(me, "password123");
        client.pushImage(name, OciLayout.image(700), "v1");
        client.on(name, "pull,delete").delete("/v2/" + name + "/manifests/v1").then().statusCode(202);

        client.on(name, "pull").get("/v2/" + name + "/tags/list").then().statusCode(200)
                .body("name", equalTo(name)).body("tags", empty());
    }

    @Test
    void aClosingPutWhoseChunkDoesNotStartWhereTheUploadStandsIs416() {
        String me = People.newVerified("ociclose");
        String name = me + "/chunks";
        RegistryClient client = RegistryClient.as(me, "password123");
        client.pushBlob(name, OciLayout.Blob.of(new byte[] { 9 })).then().statusCode(201);
        byte[] data = "the first part and the last part".getBytes(StandardCharsets.UTF_8);
        OciLayout.Blob blob = OciLayout.Blob.of(data);
        String location = client.on(name, "pull,push").post("/v2/" + name + "/blobs/uploads/").then().statusCode(202)
                .extract().header("Location");
        location = client.on(name, "pull,push").contentType("application/octet-stream").header("Content-Range", "0-9")
                .body(Arrays.copyOfRange(data, 0, 10)).patch(location).then().statusCode(202).extract().header("Location");
        String close = location + (location.contains("?") ? "&" : "?") + "digest=" + blob.digest();

        ociError(client.on(name, "pull,push").contentType("application/octet-stream").header("Content-Range", "12-" + (data.length - 1))
                .body(Arrays.copyOfRange(data, 12, data.length)).put(close).then(), 416, "RANGE_INVALID");
        client.on(name, "pull,push").contentType("application/octet-stream").header("Content-Range", "10-" + (data.length - 1))
                .body(Arrays.copyOfRange(data, 10, data.length)).put(close).then().statusCode(201)
                .header("Docker-Content-Digest", blob.digest());
        client.on(name, "pull").get("/v2/" + name + "/blobs/" + blob.digest()).then().statusCode(200);
    }

    /** The actions the registry token grants on its one repository. */
    private static List<String> actionsOf(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        List<List<String>> actions = JsonPath.from(payload).getList("access.actions");
        return actions.isEmpty() ? List.of() : actions.get(0).stream().sorted().toList();
    }

    private static void ociError(ValidatableResponse response, int status, String code) {
        response.statusCode(status);
        if (code != null) {
            response.contentType(startsWith("application/json")).body("errors[0].code", equalTo(code));
        }
    }
}
