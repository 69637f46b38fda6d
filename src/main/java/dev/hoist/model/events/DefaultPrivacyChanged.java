package dev.hoist.model.events;

import java.time.Instant;

/**
 * An account's or organization's default repository privacy (what a first push creates) changed;
 * {@code isPrivate} is the new default. Fired only when it actually changed.
 */
public record DefaultPrivacyChanged(Instant at, String actor, String namespace, boolean isPrivate) implements DomainEvent {
}
