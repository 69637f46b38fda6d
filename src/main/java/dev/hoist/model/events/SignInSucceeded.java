package dev.hoist.model.events;

import java.time.Instant;

/** {@code actor} proved who they are with a password or a personal access token. */
public record SignInSucceeded(Instant at, String actor, SignInMethod method) implements DomainEvent {
}
