package dev.hoist.model.events;

import java.time.Instant;

/** A team lost its permission on an organization's repository. */
public record PermissionRevoked(Instant at, String actor, String organization, String team, String repository) implements DomainEvent {
}
