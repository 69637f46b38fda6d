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

/** A namespace owned by teams rather than by one person. */
@Entity
@Table(name = "organizations")
public class Organization extends PanacheEntityBase {

    public static final String LIBRARY = "library";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @OneToOne(optional = false, fetch = FetchType.EAGER)
    @JoinColumn(name = "namespace_id")
    public Namespace namespace;

    @Column(name = "verified_publisher")
    public boolean verifiedPublisher;

    /** The account that made it, for the organizations-per-user quota; null once that account is deleted. */
    @Column(name = "created_by")
    public Long createdBy;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    public String name() {
        return namespace.name;
    }

    /** The organization's page. */
    public String path() {
        return "/orgs/" + name();
    }

    public String membersPath() {
        return path() + "/members";
    }

    public boolean isLibrary() {
        return LIBRARY.equals(namespace.name);
    }

    public static Optional<Organization> findByName(String name) {
        return find("namespace.name = ?1 and namespace.deletedAt is null", name).firstResultOptional();
    }

    public static Optional<Organization> findByNamespace(Namespace namespace) {
        return find("namespace", namespace).firstResultOptional();
    }
}
