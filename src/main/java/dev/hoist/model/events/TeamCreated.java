package dev.hoist.model.events;

import java.time.Instant;

/** A team was made in an organization. */
public record TeamCreated(Instant at, String actor, String organization, String team) implements DomainEvent {
}
