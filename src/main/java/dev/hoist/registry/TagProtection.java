package dev.hoist.registry;

import dev.hoist.model.ImmutableTagException;
import dev.hoist.model.ImmutableTags;
import dev.hoist.model.Repo;
import dev.hoist.model.TagPatterns;
import dev.hoist.model.events.DomainEvent;
import dev.hoist.model.events.ImmutableTagsChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * A repository's immutable tags: the rules, read fresh from the database whenever a push or a
 * delete asks (a repository loaded earlier in the request may predate a change), and changed by
 * its Admins (the caller decides who may). Where the tag rows are written, the rule is enforced
 * in the same statement ({@link TagRecords#tag}) or under the manifest's row lock
 * ({@link Deletions}), so that no two requests can slip past one check.
 */
@ApplicationScoped
@Transactional
public class TagProtection {

    @Inject
    EntityManager em;

    @Inject
    Event<DomainEvent> events;

    /** The rules as committed now. */
    public ImmutableTags of(long repoId) {
        List<?> rows = em.createNativeQuery("SELECT immutable_tags, immutable_tag_rules FROM repositories WHERE id = ?1")
                .setParameter(1, repoId).getResultList();
        if (rows.isEmpty()) {
            return ImmutableTags.OFF;
        }
        Object[] row = (Object[]) rows.get(0);
        return new ImmutableTags((Boolean) row[0], TagPatterns.stored((String) row[1]));
    }

    /** Refuses when {@code tag} is immutable now. */
    public void requireMutable(long repoId, String tag) {
        of(repoId).ruleFor(tag).ifPresent(rule -> {
            throw new ImmutableTagException(tag, rule);
        });
    }

    /**
     * Sets the rules (in SQL: the entity is left alone, as a flush of it would write back every
     * column it read, such as a pull count that moved since); fires {@link ImmutableTagsChanged} only when they changed. Returns them. */
    public ImmutableTags change(Repo repo, boolean enabled, TagPatterns patterns, String actor) {
        ImmutableTags before = of(repo.id);
        ImmutableTags after = new ImmutableTags(enabled, patterns);
        if (before.enabled() == enabled && before.patterns().list().equals(patterns.list())) {
            return before;
        }
        em.createNativeQuery("UPDATE repositories SET immutable_tags = ?1, immutable_tag_rules = ?2, updated_at = now() WHERE id = ?3")
                .setParameter(1, enabled).setParameter(2, patterns.toStored()).setParameter(3, repo.id).executeUpdate();
        events.fire(new ImmutableTagsChanged(repo.fullName(), enabled, patterns.list(), actor, Instant.now()));
        return after;
    }
}
