package dev.hoist.model.events;

import java.time.Instant;
import java.util.List;

/**
 * A repository's tag immutability changed: {@code enabled} and the {@code rules} (tag patterns;
 * none with {@code enabled} means every tag) as they are now.
 */
public record ImmutableTagsChanged(String repository, boolean enabled, List<String> rules, String actor, Instant at)
        implements DomainEvent {

    public ImmutableTagsChanged {
        rules = List.copyOf(rules);
    }
}
