package dev.hoist.model.events;

import java.time.Instant;

/** {@code member} left {@code team} of {@code organization} (taken out of it, or out of the whole organization: one event a team). */
public record MemberRemoved(Instant at, String actor, String organization, String team, String member) implements DomainEvent {
}
