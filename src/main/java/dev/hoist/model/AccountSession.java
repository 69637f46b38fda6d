package dev.hoist.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A browser signed in to an account. The cookie holds a random token; only its SHA-256 is kept
 * here, so deleting the row signs that browser out on every copy of Hoist.
 */
@Entity
@Table(name = "sessions")
public class AccountSession extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "account_id")
    public Account account;

    @Column(name = "token_hash")
    public String tokenHash;

    /** The account's session epoch when the session began; a password change bumps it. */
    public int epoch;

    @Column(name = "user_agent")
    public String userAgent;

    public String address;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_seen_at")
    public Instant lastSeenAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    /** The live session with this token, its account and namespace in one indexed query. */
    public static Optional<AccountSession> findLive(String tokenHash) {
        return find("from AccountSession s join fetch s.account a join fetch a.namespace"
                + " where s.tokenHash = ?1 and s.expiresAt > ?2 and s.epoch = a.sessionEpoch", tokenHash, Instant.now())
                .firstResultOptional();
    }

    /** The account's live sessions, most recently used first. */
    public static List<AccountSession> liveOf(Account account) {
        return find("from AccountSession s where s.account.id = ?1 and s.expiresAt > ?2 and s.epoch = ?3"
                + " order by s.lastSeenAt desc", account.id, Instant.now(), account.sessionEpoch)
                .page(0, 100).list();
    }
}
