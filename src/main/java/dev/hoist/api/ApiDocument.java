package dev.hoist.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Shapes the OpenAPI document ({@code /q/openapi}) into the JSON API's alone: the portal's pages
 * and the registry's {@code /v2/} paths are left out (they are no API a tool should build on); the
 * three ways to authenticate, the error body and its statuses, and the JSON bodies the endpoints
 * read field by field ({@link ApiBody}, so the scanner sees only a string) are written in; and
 * Hoist's own paths carry {@code x-hoist-only: true} and the tag "Hoist only".
 * Registered by {@code mp.openapi.filter} in application.properties.
 */
public class ApiDocument implements OASFilter {

    /** Paths Docker Hub does not have (see docs/api.md). */
    private static final List<String> HOIST_ONLY = List.of("/v2/repositories/{namespace}/{name}/stars");

    /** JAX-RS spells both token paths as one template; the document names them as the tools call them. */
    private static final String TOKEN_TEMPLATE = "/v2/{tokens}";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        api.info(OASFactory.createInfo().title("Hoist API").version("2")
                .description("Docker Hub's management API as Hoist serves it, at Docker Hub's paths and in its shapes,"
                        + " so hub-tool and the Terraform provider work unchanged. Every path also answers with a"
                        + " trailing slash. Errors are {\"detail\", \"message\"} (with \"errors\" per field for 400)."
                        + " Lists are pages: count, next, previous, results; page from 1, page_size 1 to 100."));
        Map<String, PathItem> kept = new LinkedHashMap<>();
        api.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith(TOKEN_TEMPLATE)) {
                dropParameter(item, "tokens");
                kept.put("/v2/api_tokens" + path.substring(TOKEN_TEMPLATE.length()), item);
                kept.put("/v2/access-tokens" + path.substring(TOKEN_TEMPLATE.length()), item);
            } else if (ApiPaths.isApi(path)) {
                kept.put(path, item);
            }
        });
        api.paths(OASFactory.createPaths());
        kept.forEach((path, item) -> {
            api.getPaths().addPathItem(path, item);
            describe(path, item);
        });
        api.components(components(api));
        api.security(List.of(requirement("bearer"), requirement("jwt"), requirement("basic"),
                OASFactory.createSecurityRequirement()));
        api.addTag(OASFactory.createTag().name("Hoist only").description("Paths Docker Hub does not have."));
    }

    private static void describe(String path, PathItem item) {
        item.getOperations().forEach((method, operation) -> {
            String key = method + " " + path;
            ApiBodies.of(key).ifPresent(schema -> operation.requestBody(OASFactory.createRequestBody().required(true)
                    .content(OASFactory.createContent().addMediaType("application/json",
                            OASFactory.createMediaType().schema(schema)))));
            errors(operation);
            if (HOIST_ONLY.contains(path)) {
                operation.addExtension("x-hoist-only", true);
                operation.addTag("Hoist only");
            }
        });
    }

    private static void errors(Operation operation) {
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        Map<String, String> statuses = Map.of(
                "400", "Bad input: a body that is not a JSON object, or field errors in \"errors\".",
                "401", "No or wrong credentials (WWW-Authenticate says how).",
                "403", "Signed in but not allowed (or the token's scope does not allow it).",
                "404", "Not found, or not visible to the caller: the same answer, byte for byte.",
                "429", "Too many attempts: wait Retry-After seconds.",
                "500", "An unexpected failure, with an incident number for the administrator.");
        statuses.forEach((status, description) -> {
            if (responses.getAPIResponse(status) == null) {
                responses.addAPIResponse(status, OASFactory.createAPIResponse().ref("#/components/responses/Error" + status)
                        .description(description));
            }
        });
        operation.responses(responses);
    }

    private static org.eclipse.microprofile.openapi.models.Components components(OpenAPI api) {
        var components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        components.addSecurityScheme("bearer", OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT")
                .description("Authorization: Bearer <token>: the token of POST /v2/users/login or POST /v2/auth/token,"
                        + " or a personal access token (hoist_pat_…) directly."));
        components.addSecurityScheme("jwt", OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("Authorization")
                .description("Authorization: JWT <token>, as hub-tool sends the token of POST /v2/users/login."));
        components.addSecurityScheme("basic", OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("basic").description("Username with a password or a personal access token, as at /token."));
        Schema error = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("detail", text()).addProperty("message", text())
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                        .additionalPropertiesSchema(OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(text())));
        components.addSchema("Error", error);
        for (String status : List.of("400", "401", "403", "404", "429", "500")) {
            components.addResponse("Error" + status, OASFactory.createAPIResponse().description("Error " + status)
                    .content(OASFactory.createContent().addMediaType("application/json",
                            OASFactory.createMediaType().schema(OASFactory.createSchema().ref("#/components/schemas/Error")))));
        }
        return components;
    }

    private static void dropParameter(PathItem item, String name) {
        if (item.getParameters() != null) {
            item.parameters(item.getParameters().stream().filter(p -> !name.equals(p.getName())).toList());
        }
        item.getOperations().values().forEach(operation -> {
            if (operation.getParameters() != null) {
                operation.parameters(operation.getParameters().stream().filter(p -> !name.equals(p.getName())).toList());
            }
        });
    }

    private static SecurityRequirement requirement(String scheme) {
        return OASFactory.createSecurityRequirement().addScheme(scheme);
    }

    static Schema text() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    }
}
