package dev.hoist.model.events;

import java.time.Instant;

/** A webhook's name, URL, events, format or active switch changed ({@code active} is its switch now); Hoist switching it off after continuous failures is one too, with a null actor. */
public record WebhookUpdated(Instant at, String actor, String organization, String repository, long webhookId, String name,
        String url, boolean active) implements DomainEvent {
}
