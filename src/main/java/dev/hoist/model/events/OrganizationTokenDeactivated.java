package dev.hoist.model.events;

import java.time.Instant;

/** {@code actor} deactivated an organization access token: kept, but it signs nothing in and its registry tokens stop working. */
public record OrganizationTokenDeactivated(Instant at, String actor, String organization, String tokenId, String label) implements DomainEvent {
}
