package dev.hoist.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The API's OpenAPI document and Swagger UI, on the public port: only the JSON API's paths
 * (no pages, no registry), each with its errors, the JSON bodies, the three ways to sign, and
 * Hoist's own paths marked; and the portal links to it.
 */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void theDocumentDescribesTheApiAndNothingElse() {
        JsonPath doc = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200).extract()
                .jsonPath();
        Map<String, Object> paths = doc.getMap("paths");
        for (String path : List.of("/v2/users/login", "/v2/auth/token", "/v2/user", "/v2/orgs/{org}/members/{user}",
                "/v2/orgs/{org}/groups", "/v2/orgs/{org}/groups/{team}/members/{user}", "/v2/invites/bulk",
                "/v2/repositories/{namespace}/{name}/groups/{id}", "/v2/namespaces/{namespace}/repositories",
                "/v2/api_tokens/{uuid}", "/v2/access-tokens", "/v2/search/repositories",
                "/v2/repositories/{namespace}/{name}/stars")) {
            assertTrue(paths.containsKey(path), path + " in " + paths.keySet());
        }
        for (String path : paths.keySet()) {
            assertTrue(ApiPaths.isApi(path), "only the API's paths: " + path);
        }
        assertFalse(paths.keySet().stream().anyMatch(p -> p.contains("manifests") || p.contains("blobs")));

        assertEquals(List.of("bearer", "jwt", "basic").stream().sorted().toList(),
                doc.getMap("components.securitySchemes").keySet().stream().sorted().toList());
        assertEquals("bearer", doc.getString("components.securitySchemes.bearer.scheme"));
        assertEquals("Authorization", doc.getString("components.securitySchemes.jwt.name"));
        assertEquals("string", doc.getString("components.schemas.Error.properties.detail.type"));

        String login = "paths.'/v2/users/login'.post";
        assertEquals("string", doc.getString(login + ".requestBody.content.'application/json'.schema.properties.username.type"));
        assertEquals("#/components/responses/Error401", doc.getString(login + ".responses.'401'.$ref"));
        String grant = "paths.'/v2/repositories/{namespace}/{name}/groups'.post.requestBody.content.'application/json'.schema";
        assertEquals("integer", doc.getString(grant + ".properties.group_id.type"));
        assertTrue(doc.getList(grant + ".required").contains("permission"));
        String orgToken = "paths.'/v2/orgs/{org}/access-tokens'.post.requestBody.content.'application/json'.schema";
        assertEquals("array", doc.getString(orgToken + ".properties.resources.type"));
        assertEquals("string", doc.getString(orgToken + ".properties.resources.items.properties.path.type"));
        String patch = "paths.'/v2/repositories/{namespace}/{name}'.patch.requestBody.content.'application/json'.schema";
        assertEquals("boolean", doc.getString(patch + ".properties.immutable_tags.type"));
        assertEquals(Boolean.TRUE, doc.get("paths.'/v2/repositories/{namespace}/{name}/stars'.post.x-hoist-only"));
        assertTrue(doc.getList("paths.'/v2/repositories/{namespace}/{name}/stars'.post.tags").contains("Hoist only"));
        assertTrue(doc.get("paths.'/v2/orgs/{org}/groups'.post.x-hoist-only") == null);
    }

    @Test
    void yamlSwaggerUiAndTheLinkFromThePortal() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("openapi: 3"))
                .body(containsString("/v2/orgs/{org}/groups/{team}:"));
        String page = given().get("/q/swagger-ui/").then().statusCode(200).contentType(containsString("text/html"))
                // It starts with inline scripts: its policy allows them, the rest of the site's does not.
                .header("Content-Security-Policy", containsString("script-src 'self' 'unsafe-inline'"))
                .extract().asString();
        given().get("/q/swagger-ui/swagger-ui-bundle.js").then().statusCode(200);
        given().get("/").then().header("Content-Security-Policy", not(containsString("unsafe-inline")));
        assertTrue(page.contains("swagger-ui"), page);
        given().get("/").then().statusCode(200).body(containsString("href=\"/q/swagger-ui/\""));
    }
}
