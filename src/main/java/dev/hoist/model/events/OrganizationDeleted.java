package dev.hoist.model.events;

import java.time.Instant;

/**
 * An owner deleted the organization, with its teams and its {@code repositories} (their images go
 * to the garbage collector); its name stays reserved.
 */
public record OrganizationDeleted(Instant at, String actor, String organization, int repositories) implements DomainEvent {
}
