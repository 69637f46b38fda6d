package dev.hoist.model.events;

import java.time.Instant;
import java.util.Set;

/**
 * A repository's settings changed: {@code changes} names what actually changed (a form saved with
 * the same values fires nothing), and {@code isPrivate} is its visibility now.
 */
public record RepositoryUpdated(Instant at, String actor, String repository, Set<Change> changes, boolean isPrivate)
        implements DomainEvent {

    public enum Change {
        VISIBILITY, DESCRIPTION, README
    }

    public RepositoryUpdated {
        changes = Set.copyOf(changes);
    }
}
