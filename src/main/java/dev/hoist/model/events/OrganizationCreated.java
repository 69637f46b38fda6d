package dev.hoist.model.events;

import java.time.Instant;

/** An organization was founded; {@code actor} is its first owner (a MemberAdded of the owners team follows). */
public record OrganizationCreated(Instant at, String actor, String organization) implements DomainEvent {
}
