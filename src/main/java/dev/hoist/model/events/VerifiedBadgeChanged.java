package dev.hoist.model.events;

import java.time.Instant;

/** A site administrator gave ({@code verified}) or took away an organization's verified-publisher badge. */
public record VerifiedBadgeChanged(Instant at, String actor, String organization, boolean verified) implements DomainEvent {
}
