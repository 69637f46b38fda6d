package dev.hoist.model.events;

import java.time.Instant;

/** A webhook was deleted, with its delivery log. */
public record WebhookDeleted(Instant at, String actor, String organization, String repository, long webhookId, String name,
        String url) implements DomainEvent {
}
