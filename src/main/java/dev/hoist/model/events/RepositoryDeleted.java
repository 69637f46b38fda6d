package dev.hoist.model.events;

import java.time.Instant;

/** A repository was deleted from its settings page (its images go to the garbage collector). */
public record RepositoryDeleted(Instant at, String actor, String repository) implements DomainEvent {
}
