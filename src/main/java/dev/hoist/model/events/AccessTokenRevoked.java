package dev.hoist.model.events;

import java.time.Instant;

/** {@code actor} revoked one of their personal access tokens. */
public record AccessTokenRevoked(Instant at, String actor, long tokenId, String description) implements DomainEvent {
}
