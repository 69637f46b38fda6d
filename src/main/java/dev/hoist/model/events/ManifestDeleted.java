package dev.hoist.model.events;

import java.time.Instant;

/** A manifest was deleted from a repository by digest; the tags that named it went with it. */
public record ManifestDeleted(String repository, String digest, String actor, Instant at) implements DomainEvent {
}
