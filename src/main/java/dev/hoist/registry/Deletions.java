package dev.hoist.registry;

import dev.hoist.model.ImmutableTagException;
import dev.hoist.model.ImmutableTags;
import dev.hoist.model.Repo;
import dev.hoist.model.events.DomainEvent;
import dev.hoist.model.events.ManifestDeleted;
import dev.hoist.model.events.TagDeleted;
import dev.hoist.storage.Digest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Deleting from a repository: a tag (the manifest stays, reachable by digest), a manifest by
 * digest (its tags go with it) or a blob reference. Who may delete is decided by the caller
 * (the registry's token, or the Tags tab's Admin check); {@code actor} is their username.
 */
@ApplicationScoped
@Transactional
public class Deletions {

    @Inject
    TagRecords tags;

    @Inject
    ManifestRecords manifests;

    @Inject
    BlobReferences references;

    @Inject
    TagProtection protection;

    @Inject
    Event<DomainEvent> events;

    /** Whether there was such a tag; an immutable one is refused ({@link ImmutableTagException}). */
    public boolean deleteTag(Repo repo, String tag, String actor) {
        ImmutableTags rules = protection.of(repo.id);
        if (rules.protects(tag) && tags.exists(repo.id, tag)) {
            throw new ImmutableTagException(tag, rules.ruleFor(tag).orElseThrow());
        }
        if (!tags.delete(repo.id, tag)) {
            return false;
        }
        events.fire(new TagDeleted(repo.fullName(), tag, actor, Instant.now()));
        return true;
    }

    /**
     * Whether there was such a manifest. One an immutable tag names is refused: its row is locked
     * first, so no push can tag it between the check and the delete.
     */
    public boolean deleteManifest(Repo repo, Digest digest, String actor) {
        ImmutableTags rules = protection.of(repo.id);
        if (rules.enabled()) {
            for (String tag : tags.namingLocked(repo.id, digest.toString())) {
                rules.ruleFor(tag).ifPresent(rule -> {
                    throw new ImmutableTagException(tag, rule);
                });
            }
        }
        if (!manifests.delete(repo.id, digest.toString())) {
            return false;
        }
        events.fire(new ManifestDeleted(repo.fullName(), digest.toString(), actor, Instant.now()));
        return true;
    }

    /** The registry API's DELETE of a manifest: by digest the manifest goes, by tag only the tag. */
    public boolean delete(Repo repo, ManifestReference reference, String actor) {
        return reference.byDigest() ? deleteManifest(repo, reference.digest(), actor) : deleteTag(repo, reference.tag(), actor);
    }

    /** Takes the blob from the repository; whether it had it. */
    public boolean unlinkBlob(Repo repo, Digest digest) {
        return references.unlink(repo.id, digest.toString());
    }
}
