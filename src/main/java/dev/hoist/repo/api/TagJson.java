package dev.hoist.repo.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hoist.model.Repo;
import dev.hoist.registry.TagDetails;
import java.time.Instant;
import java.util.List;

/**
 * A tag in Docker Hub's fields (those hub-tool and the Terraform provider read). Pull times are
 * recorded to the minute ({@code registry.PullTimes}); null when never pulled. An index's
 * platform images carry the index's pull time.
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
                i.digest(), i.size(), "active", tag.imageLastPulled(), tag.updatedAt())).toList();
        return new TagJson(repo.id, tag.name(), tag.size(), tag.updatedAt(), tag.pushedBy(), tag.lastPulled(), tag.updatedAt(),
                "active", tag.digest(), tag.mediaType(), "image", true, images);
    }
}
