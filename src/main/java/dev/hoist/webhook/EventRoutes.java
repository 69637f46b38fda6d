package dev.hoist.webhook;

import dev.hoist.model.events.DomainEvent;
import dev.hoist.model.events.ManifestDeleted;
import dev.hoist.model.events.ManifestPushed;
import dev.hoist.model.events.MemberAdded;
import dev.hoist.model.events.MemberRemoved;
import dev.hoist.model.events.PermissionGranted;
import dev.hoist.model.events.PermissionRevoked;
import dev.hoist.model.events.RepositoryCreated;
import dev.hoist.model.events.RepositoryDeleted;
import dev.hoist.model.events.RepositoryUpdated;
import dev.hoist.model.events.TagDeleted;
import dev.hoist.model.events.TeamCreated;
import dev.hoist.model.events.TeamDeleted;
import dev.hoist.model.events.TeamRenamed;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Which domain events webhooks hear of, and as what; stars, sign-ins and tokens are nobody's webhook business. */
final class EventRoutes {

    private EventRoutes() {
    }

    static Optional<Outgoing> of(DomainEvent event) {
        if (event instanceof ManifestPushed e) {
            return repo("image.pushed", WebhookEvent.IMAGE_PUSHED, e.repository(), e.actor(), e,
                    fields("tag", e.tag(), "digest", e.digest(), "media_type", e.mediaType(), "pusher", e.actor()));
        }
        if (event instanceof TagDeleted e) {
            return repo("tag.deleted", WebhookEvent.TAG_DELETED, e.repository(), e.actor(), e, fields("tag", e.tag()));
        }
        if (event instanceof ManifestDeleted e) {
            return repo("manifest.deleted", WebhookEvent.MANIFEST_DELETED, e.repository(), e.actor(), e,
                    fields("digest", e.digest()));
        }
        if (event instanceof RepositoryUpdated e && e.changes().contains(RepositoryUpdated.Change.VISIBILITY)) {
            return repo("repository.visibility_changed", WebhookEvent.VISIBILITY_CHANGED, e.repository(), e.actor(), e,
                    fields("is_private", e.isPrivate()));
        }
        if (event instanceof RepositoryCreated e) {
            return repo("repository.created", WebhookEvent.REPOSITORY_CREATED, e.repository(), e.actor(), e,
                    fields("is_private", e.isPrivate(), "by_push", e.byPush()));
        }
        if (event instanceof RepositoryDeleted e) {
            return repo("repository.deleted", WebhookEvent.REPOSITORY_DELETED, e.repository(), e.actor(), e, fields());
        }
        if (event instanceof MemberAdded e) {
            return org("member.added", WebhookEvent.MEMBERS, e.organization(), e, fields("team", e.team(), "member", e.member()));
        }
        if (event instanceof MemberRemoved e) {
            return org("member.removed", WebhookEvent.MEMBERS, e.organization(), e, fields("team", e.team(), "member", e.member()));
        }
        if (event instanceof TeamCreated e) {
            return org("team.created", WebhookEvent.TEAMS, e.organization(), e, fields("team", e.team()));
        }
        if (event instanceof TeamRenamed e) {
            return org("team.renamed", WebhookEvent.TEAMS, e.organization(), e, fields("from", e.from(), "to", e.to()));
        }
        if (event instanceof TeamDeleted e) {
            return org("team.deleted", WebhookEvent.TEAMS, e.organization(), e, fields("team", e.team()));
        }
        if (event instanceof PermissionGranted e) {
            return org("team.permission_granted", WebhookEvent.TEAMS, e.organization(), e,
                    fields("team", e.team(), "repository", e.repository(), "permission", e.permission()));
        }
        if (event instanceof PermissionRevoked e) {
            return org("team.permission_revoked", WebhookEvent.TEAMS, e.organization(), e,
                    fields("team", e.team(), "repository", e.repository()));
        }
        return Optional.empty();
    }

    private static Optional<Outgoing> repo(String type, WebhookEvent kind, String fullName, String actor, DomainEvent e,
            Map<String, Object> data) {
        int slash = fullName.indexOf('/');
        return Optional.of(new Outgoing(type, kind, fullName.substring(0, slash), fullName.substring(slash + 1), actor, e.at(), data));
    }

    private static Optional<Outgoing> org(String type, WebhookEvent kind, String organization, DomainEvent e,
            Map<String, Object> data) {
        return Optional.of(new Outgoing(type, kind, organization, null, e.actor(), e.at(), data));
    }

    /** Pairs of name and value, in order; null values stay (a push by digest has no tag). */
    static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
