package dev.hoist.model.events;

import java.time.Instant;

/** {@code actor} deactivated one of their personal access tokens: kept, but it signs nothing in. */
public record AccessTokenDeactivated(Instant at, String actor, long tokenId, String description) implements DomainEvent {
}
