package dev.hoist.model.events;

import java.time.Instant;

/** A repository was made, on its page or by a first push ({@code byPush}); {@code repository} is namespace/name. */
public record RepositoryCreated(Instant at, String actor, String repository, boolean isPrivate, boolean byPush) implements DomainEvent {
}
