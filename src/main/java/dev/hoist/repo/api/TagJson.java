package dev.hoist.repo.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hoist.model.Repo;
import dev.hoist.registry.TagDetails;
import java.time.Instant;
import java.util.List;

/**
 * A tag in Docker Hub's fields (those hub-tool and the Terraform provider read). Hoist does not
 * record pulls per tag, so {@code tag_last_pulled} and each image's {@code last_pulled} are null.
 */
public record TagJson(long repository, String name, @JsonProperty("full_size") long fullSize,
        @JsonProperty("last_updated") Instant lastUpdated, @JsonProperty("last_updater_username") String lastUpdaterUsername,
        @JsonProperty("tag_last_pulled") Instant tagLastPulled, @JsonProperty("tag_last_pushed") Instant tagLastPushed,
        @JsonProperty("tag_status") String tagStatus, String digest, @JsonProperty("media_type") String mediaType,
        @JsonProperty("content_type") String contentType, boolean v2, List<ImageJson> images) {

    public record ImageJson(String architecture, String os, String variant, String digest, long size, String status,
            @JsonProperty("last_pulled") Instant lastPulled, @JsonProperty("last_pushed") Instant lastPushed) {
    }

    static TagJson of(Repo repo, TagDetails.Tag tag) {
        List<ImageJson> images = tag.images().stream().map(i -> new ImageJson(i.architecture(), i.os(), i.variant(),
                i.digest(), i.size(), "active", null, tag.updatedAt())).toList();
        return new TagJson(repo.id, tag.name(), tag.size(), tag.updatedAt(), tag.pushedBy(), null, tag.updatedAt(),
                "active", tag.digest(), tag.mediaType(), "image", true, images);
    }
}
