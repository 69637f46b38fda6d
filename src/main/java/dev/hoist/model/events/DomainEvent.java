package dev.hoist.model.events;

import java.time.Instant;

/**
 * Something a user or an integration would care about: a repository created, a manifest pushed,
 * a member added. Services fire events with CDI ({@code Event<DomainEvent>}) inside their
 * transaction; observers that act on them observe {@code during = TransactionPhase.AFTER_SUCCESS},
 * so they hear only of changes that committed, once they did. Each event is a record of plain
 * values (names and ids, never entities), so that it can be written to a log or sent as JSON.
 */
public interface DomainEvent {

    /** When it happened. */
    Instant at();

    /** Who did it (a username), or null when Hoist did it on its own (garbage collection). */
    String actor();
}
