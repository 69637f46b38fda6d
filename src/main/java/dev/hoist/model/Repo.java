package dev.hoist.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An image repository, {@code namespace/name}. */
@Entity
@Table(name = "repositories")
public class Repo extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false, fetch = FetchType.EAGER)
    @JoinColumn(name = "namespace_id")
    public Namespace namespace;

    public String name;

    @Column(name = "short_description")
    public String shortDescription = "";

    public String readme = "";

    /** The README rendered when it was saved ({@code repo.Readmes}); pages show this, never render on a view. */
    @Column(name = "readme_html")
    public String readmeHtml = "";

    /**
     * The README renderer's version now: bumped when rendering changes, so that READMEs stored by
     * an older one are rendered again ({@code repo.Readmes}).
     */
    public static final short README_RENDERER = 1;

    /** The renderer version that made {@link #readmeHtml}. */
    @Column(name = "readme_renderer")
    public short readmeRenderer = README_RENDERER;

    @Column(name = "private")
    public boolean isPrivate;

    @Column(name = "star_count")
    public int starCount;

    @Column(name = "pull_count")
    public long pullCount;

    @Column(name = "last_pushed_at")
    public Instant lastPushedAt;

    /** Tag immutability ({@link ImmutableTags}); changed only through {@code registry.TagProtection}. */
    @Column(name = "immutable_tags")
    public boolean immutableTags;

    /** Its patterns, one a line ({@link TagPatterns#toStored()}). */
    @Column(name = "immutable_tag_rules")
    public String immutableTagRules = "";

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt = Instant.now();

    /** Users given push and pull on a user-owned repository. */
    @ManyToMany
    @JoinTable(name = "collaborators", joinColumns = @JoinColumn(name = "repository_id"),
            inverseJoinColumns = @JoinColumn(name = "account_id"))
    public Set<Account> collaborators = new HashSet<>();

    public String fullName() {
        return namespace.name + "/" + name;
    }

    public boolean isOfficial() {
        return "library".equals(namespace.name);
    }

    /** The page address: official images live at /_/name like on Docker Hub. */
    public String path() {
        return isOfficial() ? "/_/" + name : "/r/" + fullName();
    }

    /** The Tags tab (under /r/ for official images too, as on Docker Hub). */
    public String tagsPath() {
        return "/r/" + fullName() + "/tags";
    }

    public static Optional<Repo> byName(String namespace, String name) {
        // The namespace comes in the same query; it is eager and would otherwise cost a second one.
        return find("from Repo r join fetch r.namespace n where n.name = ?1 and n.deletedAt is null and r.name = ?2",
                namespace, name).firstResultOptional();
    }

    /** At most {@code limit} of a namespace's repositories, most recently changed first. */
    public static List<Repo> recentOf(Namespace namespace, int limit) {
        return find("namespace = ?1 order by coalesce(lastPushedAt, updatedAt) desc, id desc", namespace).page(0, limit).list();
    }
}
