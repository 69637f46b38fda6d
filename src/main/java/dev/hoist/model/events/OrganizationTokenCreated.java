package dev.hoist.model.events;

import java.time.Instant;

/** {@code actor}, an owner, made an organization access token (its id, label and resources as {@code path:scope,scope}; never its secret). */
public record OrganizationTokenCreated(Instant at, String actor, String organization, String tokenId, String label, java.util.List<String> resources) implements DomainEvent {
}
