package dev.hoist.model.events;

import java.time.Instant;

/** {@code collaborator} is no longer a collaborator of {@code repository}. */
public record CollaboratorRemoved(Instant at, String actor, String repository, String collaborator) implements DomainEvent {
}
