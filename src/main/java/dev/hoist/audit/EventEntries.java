package dev.hoist.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoist.model.events.DomainEvent;
import dev.hoist.model.events.RepositoryUpdated;
import dev.hoist.model.events.StarAdded;
import dev.hoist.model.events.StarRemoved;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a domain event into an audit entry. Events are records of plain values named alike
 * ({@code repository}, {@code organization}, {@code team} …), so one rule reads them all, and an
 * event added later (a webhook changed, an organization deleted) is recorded without a change here:
 * its action comes from its name ({@code TeamRenamed} → {@code team.renamed}), its fields go to
 * the details.
 */
final class EventEntries {

    /** Stars change nothing anyone needs to answer for. */
    private static final Set<Class<?>> UNRECORDED = Set.of(StarAdded.class, StarRemoved.class);

    /** Events about an account's security: shown to that account in its settings. */
    private static final Set<String> SECURITY = Set.of("sign_in.succeeded", "sign_in.failed", "access_token.created",
            "access_token.revoked", "access_token.deactivated", "access_token.activated", "password.changed", "email.changed", "account.created", "account.deleted");

    /** Components that name what was acted on, best first; the first present becomes the entry's target. */
    private static final List<String> TARGETS = List.of("member", "collaborator", "team", "to", "tag", "digest",
            "label", "description", "username", "name");

    private EventEntries() {
    }

    /** The entry for {@code event}, or empty when it is not recorded (stars). */
    static Optional<AuditEntry> of(DomainEvent event, String clientAddress, String actorToken, ObjectMapper json) {
        return of(event, clientAddress, actorToken, false, json);
    }

    /**
     * {@code organizationToken}: the acting token is an organization's, so it is the actor itself
     * (no person behind it): the entry names the token with no actor.
     */
    static Optional<AuditEntry> of(DomainEvent event, String clientAddress, String actorToken, boolean organizationToken,
            ObjectMapper json) {
        if (UNRECORDED.contains(event.getClass()) || !event.getClass().isRecord()) {
            return Optional.empty();
        }
        Map<String, Object> fields = fields(event);
        String action = action(event.getClass().getSimpleName());
        String repository = text(fields.get("repository"));
        String namespace = text(fields.get("organization"));
        if (namespace == null && repository != null && repository.contains("/")) {
            namespace = repository.substring(0, repository.indexOf('/'));
        }
        if (namespace == null && fields.containsKey("namespace")) {
            namespace = text(fields.get("namespace"));
        }
        String account = null;
        if (SECURITY.contains(action)) {
            account = fields.containsKey("username") ? text(fields.get("username")) : event.actor();
        }
        if (namespace == null && action.startsWith("account.")) {
            namespace = event.actor();
        }
        String target = TARGETS.stream().map(fields::get).map(EventEntries::text).filter(t -> t != null)
                .findFirst().orElse(null);
        Map<String, Object> details = new LinkedHashMap<>(fields);
        details.remove("repository");
        details.remove("organization");
        if (event instanceof RepositoryUpdated updated && updated.changes().contains(RepositoryUpdated.Change.VISIBILITY)) {
            details.put("visibility", Map.of("before", visibility(!updated.isPrivate()), "after", visibility(updated.isPrivate())));
        }
        return Optional.of(new AuditEntry(0, event.at(), event.actor(), event.actor() == null && !organizationToken ? null : actorToken, action,
                namespace, repository, target, account, clientAddress, toJson(details, json)));
    }

    /** {@code TeamRenamed} → {@code team.renamed}, {@code AccessTokenCreated} → {@code access_token.created}. */
    static String action(String eventName) {
        String snake = eventName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
        int last = snake.lastIndexOf('_');
        return last < 0 ? snake : snake.substring(0, last) + "." + snake.substring(last + 1);
    }

    private static Map<String, Object> fields(DomainEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent component : event.getClass().getRecordComponents()) {
            if (component.getName().equals("at") || component.getName().equals("actor")) {
                continue;
            }
            try {
                Object value = component.getAccessor().invoke(event);
                fields.put(component.getName(), value instanceof Enum<?> e ? e.name() : value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read " + component + " of " + event, e);
            }
        }
        return fields;
    }

    private static String visibility(boolean isPrivate) {
        return isPrivate ? "private" : "public";
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String toJson(Map<String, Object> details, ObjectMapper json) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the details of an audit entry", e);
        }
    }
}
