package dev.hoist.model.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.RecordedEvents;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The events one action committed: those recorded since {@link #mark} that name one of the test's
 * own (unique) names, so that other tests' and background events never count.
 */
public final class EventLog {

    private final RecordedEvents recorded;
    private final List<String> names;
    private int mark;

    private EventLog(RecordedEvents recorded, String... names) {
        this.recorded = recorded;
        this.names = Arrays.asList(names);
        mark();
    }

    /** Watches for events naming any of {@code names}, from now on. */
    public static EventLog watching(RecordedEvents recorded, String... names) {
        return new EventLog(recorded, names);
    }

    /** Forgets what came so far: the next {@link #made} lists only what follows. */
    EventLog mark() {
        mark = recorded.all().size();
        return this;
    }

    /** The events since the mark that name one of the watched names. */
    List<DomainEvent> made() {
        List<DomainEvent> all = recorded.all();
        List<DomainEvent> made = new ArrayList<>();
        for (DomainEvent event : all.subList(mark, all.size())) {
            if (names.stream().anyMatch(name -> event.toString().contains(name))) {
                made.add(event);
            }
        }
        return made;
    }

    /**
     * Asserts that exactly {@code expected} were made since the mark, equal in every field but
     * {@code at} (give null), which must be a moment ago; then marks. Events one transaction fired
     * reach observers in no set order, so neither is the order asserted.
     */
    public void expect(DomainEvent... expected) {
        List<DomainEvent> made = made();
        assertEquals(expected.length, made.size(), () -> "expected " + Arrays.toString(expected) + " but made " + made);
        List<DomainEvent> unmatched = new ArrayList<>(made);
        for (DomainEvent wanted : expected) {
            DomainEvent match = unmatched.stream().filter(e -> sameButTime(wanted, e)).findFirst()
                    .orElseThrow(() -> new AssertionError("expected " + wanted + " among " + made));
            unmatched.remove(match);
            Instant at = match.at();
            assertTrue(at != null && Duration.between(at, Instant.now()).abs().compareTo(Duration.ofMinutes(1)) < 0,
                    () -> "at is a moment ago: " + match);
        }
        mark();
    }

    /** Asserts that nothing was made since the mark (a refused action changes nothing). */
    public void expectNone() {
        expect();
    }

    private static boolean sameButTime(DomainEvent expected, DomainEvent actual) {
        if (!expected.getClass().equals(actual.getClass())) {
            return false;
        }
        for (RecordComponent component : expected.getClass().getRecordComponents()) {
            if (!component.getName().equals("at") && !Objects.equals(value(component, expected), value(component, actual))) {
                return false;
            }
        }
        return true;
    }

    private static Object value(RecordComponent component, DomainEvent event) {
        try {
            return component.getAccessor().invoke(event);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
