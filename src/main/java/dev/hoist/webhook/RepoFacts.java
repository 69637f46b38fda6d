package dev.hoist.webhook;

import java.time.Instant;

/** What Docker Hub's payload says of a repository, read when the event is queued. */
public record RepoFacts(String namespace, String name, String description, String fullDescription, boolean isPrivate,
        int starCount, Instant createdAt, boolean exists) {

    /** A repository that is gone (deleted in the transaction that queues the event). */
    static RepoFacts gone(String namespace, String name) {
        return new RepoFacts(namespace, name, "", "", true, 0, null, false);
    }
}
