package dev.hoist.org.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hoist.model.OrganizationToken;
import java.time.Instant;
import java.util.List;

/**
 * An organization access token in Docker Hub's fields (those the Terraform provider's
 * {@code OrgAccessToken} reads): {@code token}, the secret, only in the answer that created it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrgTokenJson(String id, String label, String description, @JsonProperty("created_by") String createdBy,
        @JsonProperty("is_active") boolean isActive, @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("expires_at") Instant expiresAt, @JsonProperty("last_used_at") Instant lastUsedAt, String token,
        List<Resource> resources) {

    public record Resource(String type, String path, List<String> scopes) {
    }

    static OrgTokenJson of(OrganizationToken t, String secret) {
        return new OrgTokenJson(t.uuid.toString(), t.label, t.description, t.createdBy, t.active,
                t.createdAt != null ? t.createdAt : Instant.now(), t.expiresAt, t.lastUsedAt, secret,
                t.resources.stream().map(r -> new Resource(r.type, r.path, r.scopes())).toList());
    }
}
