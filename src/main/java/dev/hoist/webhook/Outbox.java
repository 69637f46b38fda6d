package dev.hoist.webhook;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.hoist.model.events.DomainEvent;
import dev.hoist.platform.SqlTimes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Queues deliveries in the transaction of the change (the outbox): it observes events as they are
 * fired, not after commit, so a change and its deliveries commit together or not at all, and a
 * crash between the two loses nothing. Sending is the {@link DeliveryWorker}'s, after commit and
 * off the request's thread: a push pays one indexed query here (and, with webhooks, two reads and one
 * batch of inserts), and nothing for slow receivers.
 */
@ApplicationScoped
public class Outbox {

    /** A webhook (or instance-wide endpoint) that wants an event, and how it wants it. */
    record Match(Long webhookId, String endpoint, String format) {
    }

    /** A delivery row to insert. */
    private record Queued(UUID deliveryId, Long webhookId, String endpoint, String type, String body, Long redeliveryOf) {
    }

    /** Stands for the callback URL while a body is shared by deliveries (Docker Hub's format names it first). */
    private static final String CALLBACK_MARK = "hoist-callback-url";
    private static final String MARKED = "{\"callback_url\":\"" + CALLBACK_MARK + "\"";

    @Inject
    EntityManager em;

    @Inject
    WebhookConfig config;

    @Inject
    Links links;

    void on(@Observes DomainEvent event) {
        EventRoutes.of(event).ifPresent(this::queue);
    }

    /** Queues {@code event} for every active webhook and endpoint that wants it; returns how many. */
    int queue(Outgoing event) {
        List<Match> matches = new ArrayList<>(webhooksWanting(event));
        config.endpoints().forEach((name, endpoint) -> {
            if (endpoint.events().map(e -> e.contains(event.kind().key())).orElse(true)) {
                matches.add(new Match(null, name, endpoint.format()));
            }
        });
        if (matches.isEmpty()) {
            return 0;
        }
        Outgoing full = withPlatforms(event);
        RepoFacts repo = full.repository() == null ? null : repoFacts(full.namespace(), full.repository());
        UUID eventId = UUID.randomUUID();
        // One body per format; only Docker Hub's callback URL differs between deliveries.
        Map<String, String> bodies = new HashMap<>();
        List<Queued> rows = new ArrayList<>(matches.size());
        for (Match match : matches) {
            UUID deliveryId = UUID.randomUUID();
            String template = bodies.computeIfAbsent(match.format(),
                    format -> Payloads.body(format, full, eventId, repo, links.base(), CALLBACK_MARK));
            String body = withCallback(template, links.callback(deliveryId));
            rows.add(new Queued(deliveryId, match.webhookId(), match.endpoint(), full.type(), body, null));
        }
        insert(rows);
        return rows.size();
    }

    /** The shared body with this delivery's callback URL; only the leading field is touched, never a user's text. */
    static String withCallback(String template, String callbackUrl) {
        if (!template.startsWith(MARKED)) {
            return template;
        }
        return "{\"callback_url\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(callbackUrl)) + "\""
                + template.substring(MARKED.length());
    }

    /** Puts one delivery in the queue, due now. */
    void insert(UUID deliveryId, Long webhookId, String endpoint, String type, String body, Long redeliveryOf) {
        insert(List.of(new Queued(deliveryId, webhookId, endpoint, type, body, redeliveryOf)));
    }

    /**
     * Puts deliveries in the queue, due now, in one round trip: a push to a repository with many
     * webhooks must cost about what a push to one with none does. Plain JDBC, because a native
     * query per row made Hibernate flush the session before each one (20 webhooks cost 50–100 ms).
     */
    private void insert(List<Queued> rows) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO webhook_deliveries (delivery_id, webhook_id, endpoint, event, body, redelivery_of, next_attempt_at)
                    VALUES (?, ?, ?, ?, ?, ?, now())""")) {
                for (Queued row : rows) {
                    insert.setObject(1, row.deliveryId());
                    insert.setObject(2, row.webhookId(), Types.BIGINT);
                    insert.setString(3, row.endpoint());
                    insert.setString(4, row.type());
                    insert.setString(5, row.body());
                    insert.setObject(6, row.redeliveryOf(), Types.BIGINT);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    private List<Match> webhooksWanting(Outgoing event) {
        // The repository's own webhooks and its organization's, in one statement.
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT w.id, w.format FROM webhooks w
                WHERE w.active AND (',' || w.events || ',') LIKE ?1 AND (
                  w.repository_id = (SELECT r.id FROM repositories r JOIN namespaces n ON n.id = r.namespace_id
                                      WHERE n.name = ?2 AND r.name = ?3)
                  OR w.organization_id = (SELECT o.id FROM organizations o JOIN namespaces n ON n.id = o.namespace_id
                                           WHERE n.name = ?2))
                ORDER BY w.id""")
                .setParameter(1, "%," + event.kind().key() + ",%")
                .setParameter(2, event.namespace())
                .setParameter(3, event.repository() == null ? "" : event.repository())
                .getResultList();
        return rows.stream().map(r -> new Match(((Number) r[0]).longValue(), null, (String) r[1])).toList();
    }

    private Outgoing withPlatforms(Outgoing event) {
        if (!event.type().equals("image.pushed")) {
            return event;
        }
        @SuppressWarnings("unchecked")
        List<String> stored = em.createNativeQuery("""
                SELECT m.platforms FROM manifests m JOIN repositories r ON r.id = m.repository_id
                JOIN namespaces n ON n.id = r.namespace_id WHERE n.name = ?1 AND r.name = ?2 AND m.digest = ?3""")
                .setParameter(1, event.namespace()).setParameter(2, event.repository())
                .setParameter(3, event.data().get("digest")).getResultList();
        Map<String, Object> data = new LinkedHashMap<>(event.data());
        data.put("platforms", stored.isEmpty() ? List.of() : Payloads.platforms(stored.get(0)));
        return new Outgoing(event.type(), event.kind(), event.namespace(), event.repository(), event.actor(), event.at(), data);
    }

    RepoFacts repoFacts(String namespace, String name) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT r.short_description, r.readme, r.private, r.star_count, r.created_at FROM repositories r
                JOIN namespaces n ON n.id = r.namespace_id WHERE n.name = ?1 AND r.name = ?2""")
                .setParameter(1, namespace).setParameter(2, name).getResultList();
        if (rows.isEmpty()) {
            return RepoFacts.gone(namespace, name);
        }
        Object[] r = rows.get(0);
        return new RepoFacts(namespace, name, (String) r[0], (String) r[1], (Boolean) r[2], ((Number) r[3]).intValue(),
                SqlTimes.instant(r[4]), true);
    }
}
