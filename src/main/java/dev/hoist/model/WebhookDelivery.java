package dev.hoist.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One event on its way to a webhook (the outbox row), and what its last attempt got back. */
@Entity
@Table(name = "webhook_deliveries")
public class WebhookDelivery extends PanacheEntityBase {

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "delivery_id")
    public UUID deliveryId;

    @Column(name = "webhook_id")
    public Long webhookId;

    public String endpoint;

    public String event;

    public String body;

    public String state = PENDING;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "status_code")
    public Integer statusCode;

    @Column(name = "duration_ms")
    public Integer durationMs;

    public String error;

    @Column(name = "request_headers")
    public String requestHeaders;

    @Column(name = "response_headers")
    public String responseHeaders;

    @Column(name = "response_body")
    public String responseBody;

    @Column(name = "redelivery_of")
    public Long redeliveryOf;

    @Column(name = "callback_state")
    public String callbackState;

    @Column(name = "callback_description")
    public String callbackDescription;

    @Column(name = "callback_context")
    public String callbackContext;

    @Column(name = "callback_target_url")
    public String callbackTargetUrl;

    @Column(name = "callback_at")
    public Instant callbackAt;

    /** The first 4 KiB of what was sent, for the log. */
    public String bodyShown() {
        return body == null || body.length() <= 4096 ? body : body.substring(0, 4096);
    }

    /** A short word for the log: delivered, retrying, failed, or queued before a first attempt. */
    public String outcome() {
        if (DELIVERED.equals(state)) {
            return "Delivered";
        }
        if (FAILED.equals(state)) {
            return "Failed";
        }
        return attempts == 0 ? "Queued" : "Retrying";
    }

    /** The newest {@code limit} deliveries of a webhook. */
    public static List<WebhookDelivery> recentOf(long webhookId, int limit) {
        return find("webhookId = ?1 order by id desc", webhookId).page(0, limit).list();
    }

    public static Optional<WebhookDelivery> ofWebhook(long webhookId, long id) {
        return find("webhookId = ?1 and id = ?2", webhookId, id).firstResultOptional();
    }

    public static Optional<WebhookDelivery> byDeliveryId(UUID deliveryId) {
        return find("deliveryId", deliveryId).firstResultOptional();
    }
}
