package dev.hoist.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** One user's star on one repository; {@link Repo#starCount} is kept in step in the same transaction. */
@Entity
@Table(name = "stars")
public class Star extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "account_id")
    public Account account;

    @ManyToOne(optional = false)
    @JoinColumn(name = "repository_id")
    public Repo repo;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    public static boolean exists(Account account, Repo repo) {
        return account != null && count("account = ?1 and repo = ?2", account, repo) > 0;
    }
}
