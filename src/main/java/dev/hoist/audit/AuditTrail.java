package dev.hoist.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoist.model.events.DomainEvent;
import dev.hoist.model.events.SignInFailed;
import dev.hoist.platform.HoistConfig;
import dev.hoist.platform.RequestOrigin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Writes every domain event that changes something to the audit log, as it is fired: inside the
 * service's transaction, so that a change and its entry are one step (a change that rolls back
 * leaves no entry, and no change commits without one). Failed sign-ins are refusals, written in a
 * transaction of their own so that they stay whatever happens to the one they were fired in.
 */
@ApplicationScoped
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger("hoist.audit");

    @Inject
    AuditWriter writer;

    @Inject
    ObjectMapper json;

    @Inject
    HoistConfig config;

    private final LockedRepeats lockedRepeats = new LockedRepeats();

    void record(@Observes DomainEvent event) {
        entry(event).ifPresent(entry -> {
            if (event instanceof SignInFailed failed) {
                if (!lockedRepeats.isRepeat(failed, entry.clientAddress(), System.currentTimeMillis())) {
                    writer.appendRefusal(entry);
                }
            } else {
                writer.append(entry);
            }
        });
    }

    /** One JSON line per committed entry in category {@code hoist.audit}, for a SIEM, when switched on. */
    void log(@Observes(during = TransactionPhase.AFTER_SUCCESS) DomainEvent event) {
        if (!config.audit().logLines()) {
            return;
        }
        entry(event).ifPresent(entry -> LOG.info(AuditFormats.jsonLine(entry, json)));
    }

    private Optional<AuditEntry> entry(DomainEvent event) {
        RequestOrigin origin = RequestOrigin.current();
        return EventEntries.of(event, origin == null ? null : origin.address(), origin == null ? null : origin.tokenLabel(),
                origin != null && origin.isOrganizationToken(), json);
    }
}
