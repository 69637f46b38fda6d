package dev.hoist.model;

import dev.hoist.platform.Tokens;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An organization access token: a credential of the organization, not of a person. The secret is
 * shown once; only its SHA-256 is kept. {@code createdBy} is the maker's username as a fact: the
 * token does not depend on that account, which may leave the organization or be deleted.
 */
@Entity
@Table(name = "organization_tokens")
public class OrganizationToken extends PanacheEntityBase {

    /** Tells it from a password and from a personal token ({@code hoist_pat_}), and lets secret scanners find leaks. */
    public static final String PREFIX = "hoist_oat_";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "uuid", updatable = false)
    public UUID uuid = UUID.randomUUID();

    @ManyToOne(optional = false, fetch = FetchType.EAGER)
    @JoinColumn(name = "organization_id")
    public Organization organization;

    public String label;

    public String description = "";

    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    public boolean active = true;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "organization_token_resources", joinColumns = @JoinColumn(name = "token_id"))
    @OrderColumn(name = "position")
    public List<OrganizationTokenResource> resources = new ArrayList<>();

    /** Whether it may sign in now: active, not expired, and its organization not deleted. */
    public boolean isLive() {
        return active && !isExpired() && organization.namespace.deletedAt == null;
    }

    public boolean isExpired() {
        return expiresAt != null && !expiresAt.isAfter(Instant.now());
    }

    /** How the audit log and pages name it: its label and id. */
    public String shownName() {
        return label + " (" + uuid + ")";
    }

    public static List<OrganizationToken> of(Organization org) {
        return list("organization.id = ?1 order by createdAt desc, id desc", org.id);
    }

    public static Optional<OrganizationToken> findByUuid(Organization org, UUID uuid) {
        return find("organization.id = ?1 and uuid = ?2", org.id, uuid).firstResultOptional();
    }

    /** The same, its row locked until the transaction ends: of two changes at once, the second sees the first. */
    public static Optional<OrganizationToken> findByUuidForUpdate(Organization org, UUID uuid) {
        return find("organization.id = ?1 and uuid = ?2", org.id, uuid)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public static Optional<OrganizationToken> findByUuid(UUID uuid) {
        return find("uuid", uuid).firstResultOptional();
    }

    public static Optional<OrganizationToken> findBySecret(String secret) {
        return find("tokenHash", Tokens.sha256(secret)).firstResultOptional();
    }
}
