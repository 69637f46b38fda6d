package dev.hoist.model.events;

import java.time.Instant;

/** A tag was removed from a repository (the manifest it named stays, reachable by digest). */
public record TagDeleted(String repository, String tag, String actor, Instant at) implements DomainEvent {
}
