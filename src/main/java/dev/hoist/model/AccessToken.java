package dev.hoist.model;

import dev.hoist.platform.Tokens;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A personal access token for registry clients. The secret is shown once; only its SHA-256 is kept. */
@Entity
@Table(name = "access_tokens")
public class AccessToken extends PanacheEntityBase {

    /** Every token starts so, which tells it from a password and lets secret scanners find leaked ones. */
    public static final String PREFIX = "hoist_pat_";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "account_id")
    public Account account;

    public String description;

    /** READ (Read-only), WRITE (Read & Write) or ADMIN (Read, Write & Delete). */
    @Enumerated(EnumType.STRING)
    public AccessMode scope;

    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    /** The name the JSON API gives the token (Docker Hub's {@code uuid}). */
    @Column(name = "uuid", updatable = false)
    public UUID uuid = UUID.randomUUID();

    /** A deactivated token is kept but signs nothing in until it is activated again. */
    public boolean active = true;

    /** Whether the token may sign in now: active and not expired. */
    public boolean isLive() {
        return active && !isExpired();
    }

    public boolean isExpired() {
        return expiresAt != null && expiresAt.isBefore(Instant.now());
    }

    public String scopeLabel() {
        return switch (scope) {
            case READ -> "Read-only";
            case WRITE -> "Read & Write";
            default -> "Read, Write & Delete";
        };
    }

    public static List<AccessToken> of(Account account) {
        return list("account = ?1 order by createdAt desc", account);
    }

    public static Optional<AccessToken> findByUuid(Account account, UUID uuid) {
        return find("account.id = ?1 and uuid = ?2", account.id, uuid).firstResultOptional();
    }

    /** The same, its row locked until the transaction ends: of two changes at once, the second sees the first. */
    public static Optional<AccessToken> findByUuidForUpdate(Account account, UUID uuid) {
        return find("account.id = ?1 and uuid = ?2", account.id, uuid)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public static Optional<AccessToken> findBySecret(String secret) {
        // The account and its namespace (for its username) come in the same query: /token asks this every time.
        return find("from AccessToken t join fetch t.account a join fetch a.namespace where t.tokenHash = ?1",
                Tokens.sha256(secret)).firstResultOptional();
    }
}
