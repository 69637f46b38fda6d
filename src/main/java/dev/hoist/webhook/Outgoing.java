package dev.hoist.webhook;

import java.time.Instant;
import java.util.Map;

/**
 * A domain event as webhooks see it: its type ({@code image.pushed}), the kind a webhook asks for,
 * where it happened ({@code namespace}, and {@code repository} unless it is an organization's
 * event), who did it and its data.
 */
public record Outgoing(String type, WebhookEvent kind, String namespace, String repository, String actor, Instant at,
        Map<String, Object> data) {

    /** {@code namespace/repository}, or null for an organization's event. */
    public String fullName() {
        return repository == null ? null : namespace + "/" + repository;
    }
}
