package dev.hoist.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A person who signs in. Their username is the name of their namespace. */
@Entity
@Table(name = "accounts")
public class Account extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @OneToOne(optional = false, fetch = FetchType.EAGER)
    @JoinColumn(name = "namespace_id")
    public Namespace namespace;

    public String email;

    @Column(name = "email_verified")
    public boolean emailVerified;

    /** bcrypt hash; null when the account signs in only through an identity provider. */
    @Column(name = "password_hash")
    public String passwordHash;

    /** Sessions carry the epoch they were made in; bumping it ends all of them. */
    @Column(name = "session_epoch")
    public int sessionEpoch;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    /**
     * Carried in registry tokens and compared when they push or delete; only {@code account.GrantGenerations}
     * changes it (one SQL increment, so concurrent bumps never lose one).
     */
    @Column(name = "grant_generation", insertable = false, updatable = false)
    public long grantGeneration;

    public String username() {
        return namespace.name;
    }

    public static Optional<Account> findByUsername(String username) {
        // The namespace comes in the same query; it is eager and would otherwise cost a second one.
        return find("from Account a join fetch a.namespace n where n.name = ?1 and n.deletedAt is null", username)
                .firstResultOptional();
    }

    /** The other account that has verified this address: it owns it. */
    public static Optional<Account> verifiedHolderOf(String email, Long exceptId) {
        return find("lower(email) = lower(?1) and emailVerified = true and id <> ?2", email, exceptId).firstResultOptional();
    }

    /** The account that has verified this address (at most one may: an index says so), to sign in with it. */
    public static Optional<Account> withVerifiedEmail(String email) {
        return find("from Account a join fetch a.namespace n where lower(a.email) = lower(?1) and a.emailVerified = true"
                + " and n.deletedAt is null", email).firstResultOptional();
    }

    public static boolean isEmailTaken(String email) {
        return count("lower(email) = lower(?1)", email) > 0;
    }
}
