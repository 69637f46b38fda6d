package dev.hoist.model.events;

import java.time.Instant;

/** {@code actor} changed an organization access token: its label, description or resources ({@code changes} names which). */
public record OrganizationTokenUpdated(Instant at, String actor, String organization, String tokenId, String label, java.util.List<String> changes) implements DomainEvent {
}
