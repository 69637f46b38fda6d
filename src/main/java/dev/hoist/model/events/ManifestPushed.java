package dev.hoist.model.events;

import java.time.Instant;

/**
 * A manifest was stored in a repository through the registry API, under {@code tag} or, pushed by
 * digest, under no tag ({@code tag} null). {@code repository} is the full name ({@code ns/name}).
 */
public record ManifestPushed(String repository, String tag, String digest, String mediaType, String actor, Instant at)
        implements DomainEvent {
}
