package dev.hoist.model.events;

import java.time.Instant;

/** {@code actor} activated an organization access token again. */
public record OrganizationTokenActivated(Instant at, String actor, String organization, String tokenId, String label) implements DomainEvent {
}
