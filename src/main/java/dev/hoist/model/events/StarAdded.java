package dev.hoist.model.events;

import java.time.Instant;

/** {@code actor} starred {@code repository} (fired only when the star was not there). */
public record StarAdded(Instant at, String actor, String repository) implements DomainEvent {
}
