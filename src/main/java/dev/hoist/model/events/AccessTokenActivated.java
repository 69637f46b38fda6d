package dev.hoist.model.events;

import java.time.Instant;

/** {@code actor} activated one of their personal access tokens again. */
public record AccessTokenActivated(Instant at, String actor, long tokenId, String description) implements DomainEvent {
}
