package dev.hoist.support;

import dev.hoist.model.events.DomainEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every domain event that committed while tests ran, in order: tests look for the ones their action made. */
@ApplicationScoped
public class RecordedEvents {

    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) DomainEvent event) {
        events.add(event);
    }

    /** The events of {@code type} recorded so far. */
    public <T extends DomainEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public List<DomainEvent> all() {
        return List.copyOf(events);
    }
}
