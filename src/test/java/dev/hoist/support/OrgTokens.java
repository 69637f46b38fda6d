package dev.hoist.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Organizations and their access tokens for tests, made as an owner would: the page, then the API. */
public final class OrgTokens {

    /** A token as the API answered its creation: its id and its secret (shown that once). */
    public record Made(String id, String secret) {
    }

    private OrgTokens() {
    }

    /** A new organization founded by the verified {@code owner} (signed in). */
    public static String organization(Visitor owner, String prefix) {
        String org = Visitor.uniqueName(prefix);
        owner.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        return org;
    }

    /** Creates a token of {@code org} as {@code owner} (password "password123"), one resource per {@code path → scopes}. */
    public static Made create(String owner, String org, Map<String, List<String>> resources) {
        Response response = post(owner, org, body("CI " + Visitor.uniqueName(""), resources, null));
        response.then().statusCode(201);
        return new Made(response.path("id"), response.path("token"));
    }

    /** {@code POST /v2/orgs/{org}/access-tokens} with {@code body}, as {@code owner} with Basic credentials. */
    public static Response post(String owner, String org, Map<String, Object> body) {
        return given().auth().preemptive().basic(owner, "password123").contentType(ContentType.JSON).body(body)
                .post("/v2/orgs/" + org + "/access-tokens");
    }

    public static Map<String, Object> body(String label, Map<String, List<String>> resources, String expiresAt) {
        List<Map<String, Object>> list = new ArrayList<>();
        resources.forEach((path, scopes) -> list.add(Map.of("type", "TYPE_REPO", "path", path, "scopes", scopes)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("label", label);
        body.put("description", "");
        body.put("resources", list);
        if (expiresAt != null) {
            body.put("expires_at", expiresAt);
        }
        return body;
    }

    public static void revoke(String owner, String org, String id) {
        given().auth().preemptive().basic(owner, "password123").delete("/v2/orgs/" + org + "/access-tokens/" + id)
                .then().statusCode(204);
    }

    public static final List<String> PULL = List.of("repo-pull");
    public static final List<String> PUSH = List.of("repo-pull", "repo-push");
    public static final List<String> DELETE = List.of("repo-pull", "repo-push", "repo-delete");
}
