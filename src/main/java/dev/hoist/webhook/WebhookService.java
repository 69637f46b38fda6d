package dev.hoist.webhook;

import dev.hoist.access.Access;
import dev.hoist.model.Account;
import dev.hoist.model.FieldErrors;
import dev.hoist.model.InvalidInputException;
import dev.hoist.model.NotFound;
import dev.hoist.model.Organization;
import dev.hoist.model.Repo;
import dev.hoist.model.Webhook;
import dev.hoist.model.WebhookDelivery;
import dev.hoist.platform.RateLimiter;
import dev.hoist.platform.Tokens;
import java.time.Duration;
import java.time.Instant;
import dev.hoist.model.events.DomainEvent;
import dev.hoist.model.events.WebhookCreated;
import dev.hoist.model.events.WebhookDeleted;
import dev.hoist.model.events.WebhookUpdated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Managing webhooks of a repository (its Admins) or an organization (its owners). Anyone else,
 * whether the repository exists or not, finds nothing: {@link NotFound}.
 */
@ApplicationScoped
@Transactional
public class WebhookService {

    public static final int MAX_PER_SCOPE = 20;
    public static final int NAME_MAX = 100;
    static final int LOG_SIZE = 50;
    /** Test events and redeliveries of one webhook per hour: pressing the buttons must not make Hoist a cannon. */
    public static final int MANUAL_PER_HOUR = 60;

    /** A webhook just made, with its secret: the only time anyone sees it. */
    public record Created(Webhook webhook, String secret) {
    }

    @Inject
    Access access;

    @Inject
    UrlGuard guard;

    @Inject
    SecretBox box;

    @Inject
    Outbox outbox;

    @Inject
    Links links;

    @Inject
    EntityManager em;

    @Inject
    RateLimiter limiter;

    @Inject
    Event<DomainEvent> events;

    public WebhookScope forRepo(Account who, String namespace, String name) {
        Repo repo = Repo.byName(namespace, name).filter(r -> access.canManageWebhooks(who, r)).orElseThrow(NotFound::new);
        return WebhookScope.of(repo);
    }

    public WebhookScope forOrg(Account who, String name) {
        Organization org = Organization.findByName(name).filter(o -> access.canManageWebhooks(who, o)).orElseThrow(NotFound::new);
        return WebhookScope.of(org);
    }

    public List<Webhook> list(WebhookScope scope) {
        return scope.isOrganization() ? Webhook.ofOrganization(scope.organizationId()) : Webhook.ofRepository(scope.repositoryId());
    }

    public Webhook get(WebhookScope scope, long id) {
        return Webhook.inScope(id, scope.repositoryId(), scope.organizationId()).orElseThrow(NotFound::new);
    }

    public List<WebhookDelivery> deliveries(WebhookScope scope, long id) {
        return WebhookDelivery.recentOf(get(scope, id).id, LOG_SIZE);
    }

    public Created create(Account who, WebhookScope scope, WebhookForm form) {
        String url = check(scope, form);
        lockScope(scope);
        if (list(scope).size() >= MAX_PER_SCOPE) {
            throw InvalidInputException.of("name", "A " + (scope.isOrganization() ? "organization" : "repository")
                    + " may have at most " + MAX_PER_SCOPE + " webhooks.");
        }
        String secret = Tokens.random();
        Webhook webhook = new Webhook();
        webhook.repositoryId = scope.repositoryId();
        webhook.organizationId = scope.organizationId();
        webhook.createdBy = who.username();
        webhook.secretSealed = box.seal(secret);
        apply(webhook, form, url);
        webhook.persist();
        events.fire(new WebhookCreated(Instant.now(), who.username(), scope.organizationName(), scope.repositoryName(),
                webhook.id, webhook.name, webhook.url));
        return new Created(webhook, secret);
    }

    public Webhook update(Account who, WebhookScope scope, long id, WebhookForm form) {
        Webhook webhook = get(scope, id);
        String url = check(scope, form);
        String before = settings(webhook);
        if (form.active() && !webhook.active) {
            // Switched back on: a fresh start, not the tail of the old run of failures.
            webhook.failingSince = null;
            webhook.disabledReason = null;
        }
        apply(webhook, form, url);
        if (!before.equals(settings(webhook))) {
            events.fire(new WebhookUpdated(Instant.now(), who.username(), scope.organizationName(), scope.repositoryName(),
                    webhook.id, webhook.name, webhook.url, webhook.active));
        }
        return webhook;
    }

    public void delete(Account who, WebhookScope scope, long id) {
        Webhook webhook = get(scope, id);
        webhook.delete();
        events.fire(new WebhookDeleted(Instant.now(), who.username(), scope.organizationName(), scope.repositoryName(),
                webhook.id, webhook.name, webhook.url));
    }

    /** What a form can change, to tell a save that changed something from one that did not. */
    private static String settings(Webhook w) {
        return String.join("\n", w.name, w.url, w.events, w.format, String.valueOf(w.active));
    }

    /** Queues a "ping" for the webhook, whichever events it wants. */
    public void sendTest(Account who, WebhookScope scope, long id) {
        Webhook webhook = get(scope, id);
        checkManualLimit(webhook);
        Outgoing ping = Payloads.ping(scope.namespace(), scope.repository(), who.username(), webhook.id);
        UUID deliveryId = UUID.randomUUID();
        RepoFacts repo = scope.repository() == null ? null : outbox.repoFacts(scope.namespace(), scope.repository());
        String body = Payloads.body(webhook.format, ping, UUID.randomUUID(), repo, links.base(), links.callback(deliveryId));
        outbox.insert(deliveryId, webhook.id, null, ping.type(), body, null);
    }

    /** Queues the same payload again, as a new delivery (its own id and log entry). */
    public void redeliver(WebhookScope scope, long id, long deliveryRow) {
        Webhook webhook = get(scope, id);
        WebhookDelivery original = WebhookDelivery.ofWebhook(webhook.id, deliveryRow).orElseThrow(NotFound::new);
        checkManualLimit(webhook);
        outbox.insert(UUID.randomUUID(), webhook.id, null, original.event, original.body, original.id);
    }

    private void checkManualLimit(Webhook webhook) {
        limiter.take(List.of(new RateLimiter.Bucket("webhook-manual:" + webhook.id, MANUAL_PER_HOUR, Duration.ofHours(1))))
                .ifPresent(retry -> {
                    throw InvalidInputException.of("manual", "Too many test events and redeliveries for this webhook; try again later.");
                });
    }

    private String check(WebhookScope scope, WebhookForm form) {
        FieldErrors errors = new FieldErrors();
        String name = form.name() == null ? "" : form.name().strip();
        if (name.isEmpty() || name.length() > NAME_MAX || name.codePoints().anyMatch(Character::isISOControl)) {
            errors.add("name", "Give the webhook a name of 1 to " + NAME_MAX + " characters.");
        }
        String url = form.url() == null ? "" : form.url().strip();
        try {
            guard.check(url);
        } catch (UrlGuard.Refused e) {
            errors.add("url", e.getMessage());
        }
        Set<String> offered = new LinkedHashSet<>();
        WebhookEvent.offered(scope.isOrganization()).forEach(e -> offered.add(e.key()));
        if (form.events().isEmpty() || !offered.containsAll(form.events())) {
            errors.add("events", "Choose at least one of the events listed.");
        }
        if (!Payloads.DOCKER_HUB.equals(form.format()) && !Payloads.CLOUDEVENTS.equals(form.format())) {
            errors.add("format", "Choose Docker Hub or CloudEvents.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return url;
    }

    private static void apply(Webhook webhook, WebhookForm form, String url) {
        webhook.name = form.name().strip();
        webhook.url = url;
        webhook.events = String.join(",", new LinkedHashSet<>(form.events()));
        webhook.format = form.format();
        webhook.active = form.active();
    }

    /** Counting and inserting under the owner's row lock: a burst of creations cannot pass the cap together. */
    private void lockScope(WebhookScope scope) {
        String table = scope.isOrganization() ? "organizations" : "repositories";
        em.createNativeQuery("SELECT id FROM " + table + " WHERE id = ?1 FOR UPDATE")
                .setParameter(1, scope.isOrganization() ? scope.organizationId() : scope.repositoryId())
                .getResultList();
    }
}
