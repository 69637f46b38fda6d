package dev.hoist.model.events;

import java.time.Instant;

/** {@code actor} revoked (deleted) an organization access token; it is refused from then on, registry tokens issued with it included. */
public record OrganizationTokenRevoked(Instant at, String actor, String organization, String tokenId, String label) implements DomainEvent {
}
