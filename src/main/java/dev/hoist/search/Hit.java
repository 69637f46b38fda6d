package dev.hoist.search;

import java.time.Instant;

/** One repository in search results: what a result card and the Docker API show, nothing more. */
public record Hit(long id, String fullName, String name, String shortDescription, int starCount, long pullCount,
        Instant lastUpdated, boolean isPrivate, boolean isOfficial, boolean verifiedPublisher) {

    /** Official images live at /_/name, like on Docker Hub. */
    public String path() {
        return isOfficial ? "/_/" + name : "/r/" + fullName;
    }

    /** The name Docker clients use: official images without "library/". */
    public String dockerName() {
        return isOfficial ? name : fullName;
    }
}
