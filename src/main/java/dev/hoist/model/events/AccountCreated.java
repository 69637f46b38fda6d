package dev.hoist.model.events;

import java.time.Instant;

/** An account was made: by sign-up with a password, or on a first sign-in through the identity provider ({@code viaProvider}); {@code actor} is its username. */
public record AccountCreated(Instant at, String actor, boolean viaProvider) implements DomainEvent {
}
