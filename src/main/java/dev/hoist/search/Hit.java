package dev.hoist.search;

import java.time.Instant;

/**
 * One repository in search results: what a result card and the Docker API show, and where it
 * ranks for a best-match order (see SearchSql.ranked), so that two lists can be merged.
 *
 * @param exactness 2 for the very image named, 1 for the same name elsewhere, else 0
 * @param relevance text relevance weighted by popularity, compared after exactness
 */
public record Hit(long id, String fullName, String name, String shortDescription, int starCount, long pullCount,
        Instant lastUpdated, boolean isPrivate, boolean isOfficial, boolean verifiedPublisher, int exactness,
        double relevance) {

    /** Official images live at /_/name, like on Docker Hub. */
    public String path() {
        return isOfficial ? "/_/" + name : "/r/" + fullName;
    }

    /** The name Docker clients use: official images without "library/". */
    public String dockerName() {
        return isOfficial ? name : fullName;
    }
}
