package dev.hoist.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A name owned by a user or an organization: the first half of {@code namespace/repository}. */
@Entity
@Table(name = "namespaces")
public class Namespace extends PanacheEntityBase {

    public enum Kind {
        user, org
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    /** Set when the owner is deleted: the name stays taken so nobody can take over its images. */
    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** Repositories created by a first push are private when set. */
    @Column(name = "default_private")
    public boolean defaultPrivate;

    /** The public profile page of this user or organization. */
    public String profilePath() {
        return "/u/" + name;
    }

    public boolean isOrganization() {
        return kind == Kind.org;
    }

    /** How many repositories it holds (the account deletion page says what goes). */
    public long repositoryCount() {
        return ((Number) getEntityManager().createNativeQuery("SELECT count(*) FROM repositories WHERE namespace_id = ?1")
                .setParameter(1, id).getSingleResult()).longValue();
    }

    public static Namespace create(String name, Kind kind) {
        Namespace namespace = new Namespace();
        namespace.name = name;
        namespace.kind = kind;
        namespace.persistAndFlush();
        return namespace;
    }

    public static boolean isTaken(String name) {
        return count("name", name) > 0;
    }

    public static Optional<Namespace> findActive(String name) {
        return find("name = ?1 and deletedAt is null", name).firstResultOptional();
    }
}
