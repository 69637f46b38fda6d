package dev.hoist.model.events;

import java.time.Instant;

/** {@code collaborator} may now work on the user-owned {@code repository}. */
public record CollaboratorAdded(Instant at, String actor, String repository, String collaborator) implements DomainEvent {
}
