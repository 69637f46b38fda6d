package dev.hoist.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A webhook of a repository ({@link #repositoryId}) or of an organization ({@link #organizationId}):
 * where Hoist POSTs the events it wants. The secret is sealed ({@code webhook.SecretBox}), never kept in clear.
 */
@Entity
@Table(name = "webhooks")
public class Webhook extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "repository_id")
    public Long repositoryId;

    @Column(name = "organization_id")
    public Long organizationId;

    public String name;

    public String url;

    /** Keys of the kinds of event wanted, comma-separated. */
    public String events;

    /** {@code docker-hub} or {@code cloudevents}. */
    public String format;

    @Column(name = "secret_sealed")
    public byte[] secretSealed;

    public boolean active = true;

    @Column(name = "failing_since")
    public Instant failingSince;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    public List<String> eventKeys() {
        return events == null || events.isEmpty() ? List.of() : Arrays.asList(events.split(","));
    }

    public boolean wants(String key) {
        return eventKeys().contains(key);
    }

    public static List<Webhook> ofRepository(long repositoryId) {
        return list("repositoryId = ?1 order by name, id", repositoryId);
    }

    public static List<Webhook> ofOrganization(long organizationId) {
        return list("organizationId = ?1 order by name, id", organizationId);
    }

    /** The webhook {@code id} if it belongs to that repository or organization (exactly one of them is set). */
    public static Optional<Webhook> inScope(long id, Long repositoryId, Long organizationId) {
        return repositoryId != null
                ? find("id = ?1 and repositoryId = ?2", id, repositoryId).firstResultOptional()
                : find("id = ?1 and organizationId = ?2", id, organizationId).firstResultOptional();
    }
}
