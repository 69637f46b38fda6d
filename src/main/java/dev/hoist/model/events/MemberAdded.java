package dev.hoist.model.events;

import java.time.Instant;

/** {@code member} joined {@code team} of {@code organization}. */
public record MemberAdded(Instant at, String actor, String organization, String team, String member) implements DomainEvent {
}
