package dev.hoist.model.events;

import java.time.Instant;

/**
 * A retention policy was saved, for a {@code repository} or (with {@code repository} null) for
 * every repository of the {@code organization} that has none of its own; its rules as they are now.
 */
public record RetentionPolicyChanged(String repository, String organization, boolean enabled, String keepPattern,
        Integer keepLast, Integer unpulledDays, Integer untaggedDays, int graceDays, String actor, Instant at)
        implements DomainEvent {
}
