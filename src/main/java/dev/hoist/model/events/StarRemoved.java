package dev.hoist.model.events;

import java.time.Instant;

/** {@code actor} took their star off {@code repository} (fired only when there was one). */
public record StarRemoved(Instant at, String actor, String repository) implements DomainEvent {
}
