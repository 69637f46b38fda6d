package dev.hoist.model.events;

import java.time.Instant;

/** A team got {@code permission} (READ, WRITE or ADMIN) on an organization's repository, or a different one than it had. */
public record PermissionGranted(Instant at, String actor, String organization, String team, String repository, String permission) implements DomainEvent {
}
