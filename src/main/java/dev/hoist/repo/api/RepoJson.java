package dev.hoist.repo.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hoist.model.AccessMode;
import dev.hoist.model.ImmutableTags;
import dev.hoist.model.Repo;
import java.time.Instant;
import java.util.List;

/**
 * A repository in Docker Hub's fields (those hub-tool and the Terraform provider read). Lists
 * leave out the README ({@code full_description}) and the caller's {@code permissions}, as
 * Docker Hub's lists do: a page stays small and costs no query per repository.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RepoJson(String user, String name, String namespace, @JsonProperty("repository_type") String repositoryType,
        int status, @JsonProperty("status_description") String statusDescription, String description,
        @JsonProperty("is_private") boolean isPrivate, @JsonProperty("is_automated") boolean isAutomated,
        @JsonProperty("star_count") int starCount, @JsonProperty("pull_count") long pullCount,
        @JsonProperty("last_updated") Instant lastUpdated, @JsonProperty("date_registered") Instant dateRegistered,
        @JsonProperty("media_types") List<String> mediaTypes, @JsonProperty("content_types") List<String> contentTypes,
        @JsonProperty("hub_user") String hubUser, @JsonProperty("can_edit") Boolean canEdit,
        @JsonProperty("full_description") String fullDescription, Permissions permissions,
        @JsonProperty("immutable_tags") Boolean immutableTags,
        @JsonProperty("immutable_tags_rules") List<String> immutableTagsRules,
        @JsonProperty("immutable_tags_settings") ImmutableTagsSettings immutableTagsSettings) {

    public record Permissions(boolean read, boolean write, boolean admin) {
    }

    /** Docker Hub's nested spelling of the same two values. */
    public record ImmutableTagsSettings(boolean enabled, List<String> rules) {
    }

    /** A repository in a list. */
    static RepoJson listed(Repo repo) {
        return new RepoJson(repo.namespace.name, repo.name, repo.namespace.name, "image", 1, "active",
                repo.shortDescription, repo.isPrivate, false, repo.starCount, repo.pullCount, lastUpdated(repo),
                registered(repo), List.of(), List.of("image"), repo.namespace.name, null, null, null, null, null, null);
    }

    /** A repository on its own, with its README and what {@code mode} lets the caller do. */
    static RepoJson full(Repo repo, AccessMode mode) {
        return full(repo, mode, ImmutableTags.of(repo));
    }

    /** With the immutable tags as read fresh (the entity may predate a change made in this request). */
    static RepoJson full(Repo repo, AccessMode mode, ImmutableTags immutable) {
        return new RepoJson(repo.namespace.name, repo.name, repo.namespace.name, "image", 1, "active",
                repo.shortDescription, repo.isPrivate, false, repo.starCount, repo.pullCount, lastUpdated(repo),
                registered(repo), List.of(), List.of("image"), repo.namespace.name, mode.atLeast(AccessMode.ADMIN),
                repo.readme, new Permissions(mode.atLeast(AccessMode.READ), mode.atLeast(AccessMode.WRITE),
                        mode.atLeast(AccessMode.ADMIN)), immutable.enabled(), immutable.patterns().list(),
                new ImmutableTagsSettings(immutable.enabled(), immutable.patterns().list()));
    }

    /** The database sets the creation time; a repository made in this request has not read it back. */
    private static Instant registered(Repo repo) {
        return repo.createdAt != null ? repo.createdAt : repo.updatedAt;
    }

    private static Instant lastUpdated(Repo repo) {
        return repo.lastPushedAt != null && repo.lastPushedAt.isAfter(repo.updatedAt) ? repo.lastPushedAt : repo.updatedAt;
    }
}
