package dev.hoist.model.events;

import java.time.Instant;

/** A team was deleted, with its members and its permissions on repositories. */
public record TeamDeleted(Instant at, String actor, String organization, String team) implements DomainEvent {
}
