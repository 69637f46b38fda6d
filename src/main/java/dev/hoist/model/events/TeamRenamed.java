package dev.hoist.model.events;

import java.time.Instant;

/** A team changed its name (fired only when the name changed, not for its description or rights). */
public record TeamRenamed(Instant at, String actor, String organization, String from, String to) implements DomainEvent {
}
