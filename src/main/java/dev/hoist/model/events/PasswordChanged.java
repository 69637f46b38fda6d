package dev.hoist.model.events;

import java.time.Instant;

/** {@code actor} changed their password (their other sessions ended with it). */
public record PasswordChanged(Instant at, String actor) implements DomainEvent {
}
