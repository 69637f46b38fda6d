package dev.hoist.model.events;

import java.time.Instant;

/** {@code actor} replaced their email address {@code from} with {@code to}, which is unverified until its link is opened. */
public record EmailChanged(Instant at, String actor, String from, String to) implements DomainEvent {
}
