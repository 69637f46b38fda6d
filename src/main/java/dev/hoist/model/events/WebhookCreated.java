package dev.hoist.model.events;

import java.time.Instant;

/**
 * A webhook was made: a repository's ({@code repository} = namespace/name, {@code organization} null)
 * or an organization's ({@code organization} set, {@code repository} null). Never its secret.
 */
public record WebhookCreated(Instant at, String actor, String organization, String repository, long webhookId, String name,
        String url) implements DomainEvent {
}
