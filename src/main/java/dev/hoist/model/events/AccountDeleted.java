package dev.hoist.model.events;

import java.time.Instant;

/** {@code actor} deleted their account and, with it, {@code repositories} repositories; the name stays reserved. */
public record AccountDeleted(Instant at, String actor, int repositories) implements DomainEvent {
}
