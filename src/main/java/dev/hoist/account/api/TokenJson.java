package dev.hoist.account.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hoist.model.AccessToken;
import java.time.Instant;
import java.util.List;

/**
 * A personal access token in Docker Hub's fields (hub-tool's and the Terraform provider's):
 * {@code token}, the secret, only in the answer that created it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenJson(String uuid, @JsonProperty("client_id") String clientId, @JsonProperty("creator_ip") String creatorIp,
        @JsonProperty("creator_ua") String creatorUa, @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("last_used") Instant lastUsed, @JsonProperty("generated_by") String generatedBy,
        @JsonProperty("is_active") boolean isActive, String token, @JsonProperty("token_label") String tokenLabel,
        List<String> scopes, @JsonProperty("expires_at") Instant expiresAt) {

    static TokenJson of(AccessToken token, String secret) {
        return new TokenJson(token.uuid.toString(), "hoist", "", "", token.createdAt != null ? token.createdAt : Instant.now(),
                token.lastUsedAt, "manual", token.active, secret, token.description, List.of(scope(token)), token.expiresAt);
    }

    /** Hoist's scopes as Docker Hub names them. */
    static String scope(AccessToken token) {
        return switch (token.scope) {
            case READ -> "repo:read";
            case WRITE -> "repo:write";
            default -> "repo:admin";
        };
    }

    /** Docker Hub's scope names as Hoist's; null for one Hoist has not (such as {@code repo:public_read}). */
    static String scope(String docker) {
        return switch (docker) {
            case "repo:read" -> "READ";
            case "repo:write" -> "WRITE";
            case "repo:admin" -> "ADMIN";
            default -> null;
        };
    }
}
