package dev.hoist.model.events;

import java.time.Instant;

/** {@code actor} made a personal access token (its id, description and scope: never its secret). */
public record AccessTokenCreated(Instant at, String actor, long tokenId, String description, String scope) implements DomainEvent {
}
