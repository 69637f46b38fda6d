package dev.hoist.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** A pending check that the account's owner reads mail at {@link #email}. Only the token's hash is kept. */
@Entity
@Table(name = "email_verifications")
public class EmailVerification extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @ManyToOne(optional = false)
    @JoinColumn(name = "account_id")
    public Account account;

    public String email;

    @Column(name = "expires_at")
    public Instant expiresAt;

    public static long deleteForAccount(Account account) {
        return delete("account", account);
    }
}
