package dev.hoist.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The JSON bodies the API's endpoints read, for the OpenAPI document ({@link ApiDocument}): the
 * endpoints read them field by field with {@link ApiBody}, so the scanner sees only a string.
 * Keyed by method and path as the document spells them; a field ending in {@code *} is required.
 */
final class ApiBodies {

    private static final Map<String, Map<String, String>> BODIES = Map.ofEntries(
            Map.entry("POST /v2/users/login", Map.of("username", "string", "password", "string",
                    "refresh_token", "string")),
            Map.entry("POST /v2/auth/token", Map.of("identifier*", "string", "secret*", "string")),
            Map.entry("POST /v2/api_tokens", Map.of("token_label*", "string", "scopes", "strings", "expires_at", "string")),
            Map.entry("POST /v2/access-tokens", Map.of("token_label*", "string", "scopes", "strings", "expires_at", "string")),
            Map.entry("PATCH /v2/api_tokens/{uuid}", Map.of("token_label", "string", "is_active", "boolean")),
            Map.entry("PATCH /v2/access-tokens/{uuid}", Map.of("token_label", "string", "is_active", "boolean")),
            Map.entry("POST /v2/namespaces/{namespace}/repositories", Map.of("name*", "string", "description", "string",
                    "full_description", "string", "registry", "string", "is_private", "boolean")),
            Map.entry("PATCH /v2/repositories/{namespace}/{name}", Map.of("description", "string",
                    "full_description", "string", "immutable_tags", "boolean", "immutable_tags_rules", "strings")),
            Map.entry("PATCH /v2/namespaces/{namespace}/repositories/{name}/immutabletags", Map.of("immutable_tags", "boolean",
                    "immutable_tags_rules", "strings")),
            Map.entry("POST /v2/orgs/{org}/access-tokens", Map.of("label*", "string", "description", "string",
                    "resources*", "objects", "expires_at", "string")),
            Map.entry("PATCH /v2/orgs/{org}/access-tokens/{id}", Map.of("label", "string", "description", "string",
                    "resources", "objects", "is_active", "boolean")),
            Map.entry("POST /v2/repositories/{namespace}/{name}/privacy", Map.of("is_private*", "boolean")),
            Map.entry("POST /v2/repositories/{namespace}/{name}/groups", Map.of("group_id*", "integer",
                    "permission*", "string")),
            Map.entry("PATCH /v2/repositories/{namespace}/{name}/groups/{id}", Map.of("permission*", "string")),
            Map.entry("POST /v2/orgs/{org}/groups", Map.of("name*", "string", "description", "string")),
            Map.entry("PATCH /v2/orgs/{org}/groups/{team}", Map.of("name", "string", "description", "string")),
            Map.entry("POST /v2/orgs/{org}/groups/{team}/members", Map.of("member*", "string")),
            Map.entry("PUT /v2/orgs/{org}/members/{user}", Map.of("role*", "string")),
            Map.entry("POST /v2/invites/bulk", Map.of("org", "string", "team", "string", "invitees", "strings",
                    "role", "string", "dry_run", "boolean")));

    private ApiBodies() {
    }

    /** The body of {@code "METHOD /path"}, if it reads one. */
    static Optional<Schema> of(String key) {
        Map<String, String> fields = BODIES.get(key);
        if (fields == null) {
            return Optional.empty();
        }
        Schema schema = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT);
        fields.forEach((field, type) -> {
            String name = field.endsWith("*") ? field.substring(0, field.length() - 1) : field;
            schema.addProperty(name, switch (type) {
                case "boolean" -> OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN);
                case "integer" -> OASFactory.createSchema().addType(Schema.SchemaType.INTEGER);
                case "strings" -> OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(ApiDocument.text());
                // Organization token resources: {type, path, scopes[]}.
                case "objects" -> OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(OASFactory.createSchema()
                        .addType(Schema.SchemaType.OBJECT).addProperty("type", ApiDocument.text())
                        .addProperty("path", ApiDocument.text())
                        .addProperty("scopes", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(ApiDocument.text())));
                default -> ApiDocument.text();
            });
            if (field.endsWith("*")) {
                schema.required(append(schema.getRequired(), name));
            }
        });
        return Optional.of(schema);
    }

    private static List<String> append(List<String> list, String item) {
        List<String> out = list == null ? new java.util.ArrayList<>() : new java.util.ArrayList<>(list);
        out.add(item);
        return out;
    }
}
