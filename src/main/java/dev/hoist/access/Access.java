package dev.hoist.access;

import dev.hoist.model.AccessMode;
import dev.hoist.model.Account;
import dev.hoist.model.Forbidden;
import dev.hoist.model.Namespace;
import dev.hoist.model.NotFound;
import dev.hoist.model.Organization;
import dev.hoist.model.Repo;
import dev.hoist.model.Team;
import dev.hoist.platform.HoistConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * The one place that decides what someone may do on a repository. Pages, forms, the JSON API
 * and the registry all ask here; nothing else compares owners, teams or collaborators.
 */
@ApplicationScoped
public class Access {

    @Inject
    EntityManager em;

    @Inject
    HoistConfig config;

    /**
     * The caller's access to {@code repo}: public repositories give everyone Read; the user owner,
     * the organization's owners and site administrators get Admin; otherwise the best of the
     * collaborator grant (Write) and every team grant. An unverified email caps it all at Read.
     *
     * @param who the signed-in account, or null for anonymous callers
     */
    public AccessMode permission(Account who, Repo repo) {
        AccessMode publicMinimum = forAnyone(repo);
        if (who == null) {
            return publicMinimum;
        }
        AccessMode granted = AccessMode.max(publicMinimum, grants(who, repo));
        return who.emailVerified ? granted : AccessMode.min(granted, AccessMode.READ);
    }

    /**
     * What {@code caller} may do on {@code repo}: the account's permission, capped by the scope of
     * the personal access token it came with (a Read token never pushes, whatever its owner may do);
     * for an organization access token, what its resources give on its own organization's repositories.
     */
    public AccessMode permission(Caller caller, Repo repo) {
        if (caller.isOrganizationToken()) {
            // The intersection of the token's resources and its organization's repositories, over the public floor.
            return AccessMode.max(forAnyone(repo), caller.organizationToken().on(repo));
        }
        return capByToken(permission(caller.account(), repo), caller.tokenScope());
    }

    /** {@code mode}, no more than a token of {@code tokenScope} allows (no token: no cap). */
    public static AccessMode capByToken(AccessMode mode, String tokenScope) {
        return tokenScope == null ? mode : AccessMode.min(mode, AccessMode.valueOf(tokenScope));
    }

    /** What everyone, signed in or not, may do on {@code repo}: a floor under {@link #permission}. */
    public AccessMode forAnyone(Repo repo) {
        return repo.isPrivate ? AccessMode.NONE : AccessMode.READ;
    }

    private AccessMode grants(Account who, Repo repo) {
        if (isSiteAdmin(who) || repo.namespace.id.equals(who.namespace.id)) {
            return AccessMode.ADMIN;
        }
        Object[] row = (Object[]) em.createNativeQuery("""
                SELECT
                  EXISTS (SELECT 1 FROM teams t JOIN team_members m ON m.team_id = t.id
                          JOIN organizations o ON o.id = t.organization_id
                          WHERE o.namespace_id = ?1 AND t.name = 'owners' AND m.account_id = ?2),
                  EXISTS (SELECT 1 FROM collaborators c WHERE c.repository_id = ?3 AND c.account_id = ?2),
                  (SELECT max(CASE tp.permission WHEN 'ADMIN' THEN 3 WHEN 'WRITE' THEN 2 ELSE 1 END)
                     FROM team_permissions tp JOIN team_members m ON m.team_id = tp.team_id
                     WHERE tp.repository_id = ?3 AND m.account_id = ?2)
                """)
                .setParameter(1, repo.namespace.id)
                .setParameter(2, who.id)
                .setParameter(3, repo.id)
                .getSingleResult();
        if ((Boolean) row[0]) {
            return AccessMode.ADMIN;
        }
        AccessMode best = (Boolean) row[1] ? AccessMode.WRITE : AccessMode.NONE;
        if (row[2] != null) {
            best = AccessMode.max(best, AccessMode.values()[((Number) row[2]).intValue()]);
        }
        return best;
    }

    /** The repository if the caller may read it; otherwise 404, exactly as if it did not exist. */
    public Repo readable(Account who, String namespace, String name) {
        return Repo.byName(namespace, name).filter(r -> permission(who, r).atLeast(AccessMode.READ))
                .orElseThrow(NotFound::new);
    }

    /** The repository if the caller has {@code needed}: 404 when they cannot even read it, 403 otherwise. */
    public Repo require(Account who, String namespace, String name, AccessMode needed) {
        Repo repo = readable(who, namespace, name);
        if (!permission(who, repo).atLeast(needed)) {
            throw new Forbidden();
        }
        return repo;
    }

    /**
     * The repository if {@code caller} (an account, capped by its token's scope) has {@code needed}:
     * 404 when they cannot even read it, exactly as if it did not exist; 403 otherwise.
     */
    public Repo require(Caller caller, String namespace, String name, AccessMode needed) {
        Repo repo = Repo.byName(namespace, name).orElseThrow(NotFound::new);
        AccessMode mode = permission(caller, repo);
        if (!mode.atLeast(AccessMode.READ)) {
            throw new NotFound();
        }
        if (!mode.atLeast(needed)) {
            throw new Forbidden();
        }
        return repo;
    }

    public boolean isSiteAdmin(Account who) {
        return who != null && config.siteAdmins().orElse(List.of()).contains(who.username());
    }

    /** Owners see every team of the organization; a member only the teams they are in; anyone else none. */
    public List<Team> teamsVisibleTo(Account who, Organization org) {
        if (isOwner(who, org)) {
            return Team.ofOrganization(org);
        }
        return isMember(who, org) ? Team.ofMember(org, who) : List.of();
    }

    /** Owners administer the organization; the library namespace belongs to the site administrators. */
    /** Only a verified address may found an organization: its owners must be reachable. */
    public boolean canCreateOrganization(Account who) {
        return who != null && who.emailVerified;
    }

    /** A site administrator with a verified address vouches for organizations (the Verified Publisher badge). */
    public boolean canVerifyPublishers(Account who) {
        return isSiteAdmin(who) && who.emailVerified;
    }

    public boolean isOwner(Account who, Organization org) {
        if (who == null) {
            return false;
        }
        if (isSiteAdmin(who) && org.isLibrary()) {
            return true;
        }
        return Team.findByName(org, Team.OWNERS).map(t -> t.hasMember(who)).orElse(false);
    }

    /** An organization's audit log is its owners' (and the site administrators'); everyone else is told it does not exist. */
    public boolean canSeeAuditLog(Account who, Organization org) {
        return isOwner(who, org) || isSiteAdmin(who);
    }

    public boolean isMember(Account who, Organization org) {
        return who != null && (isOwner(who, org) || !Team.ofMember(org, who).isEmpty());
    }

    /**
     * Whether the caller may create a repository in the namespace: as its account may, and with a
     * token that allows writing (creating is writing: a read-only token never creates, by push or API).
     */
    public boolean canCreateIn(Caller caller, Namespace namespace) {
        // An organization access token reaches the repositories its owners made; it makes none.
        return !caller.isOrganizationToken() && canCreateIn(caller.account(), namespace)
                && capByToken(AccessMode.ADMIN, caller.tokenScope()).atLeast(AccessMode.WRITE);
    }

    /** Whether the caller may create repositories in {@code namespace} (verified email needed). */
    public boolean canCreateIn(Account who, Namespace namespace) {
        if (who == null || !who.emailVerified || namespace.deletedAt != null) {
            return false;
        }
        if (!namespace.isOrganization()) {
            return namespace.id.equals(who.namespace.id);
        }
        Organization org = Organization.findByNamespace(namespace).orElse(null);
        if (org == null) {
            return false;
        }
        return isOwner(who, org) || Team.ofMember(org, who).stream().anyMatch(t -> t.canCreateRepositories);
    }

    /**
     * The organizations {@code who} may create repositories in, by name: {@link #canCreateIn} for
     * every organization at once, in one query over their own memberships.
     */
    public List<String> organizationsToCreateIn(Account who) {
        if (who == null || !who.emailVerified) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<String> names = em.createNativeQuery("""
                SELECT n.name FROM namespaces n JOIN organizations o ON o.namespace_id = n.id
                WHERE n.deleted_at IS NULL AND (
                  EXISTS (SELECT 1 FROM teams t JOIN team_members m ON m.team_id = t.id
                          WHERE t.organization_id = o.id AND m.account_id = ?1
                            AND (t.name = 'owners' OR t.can_create_repositories))
                  OR (n.name = ?2 AND ?3))
                ORDER BY n.name""")
                .setParameter(1, who.id)
                .setParameter(2, Organization.LIBRARY)
                .setParameter(3, isSiteAdmin(who))
                .getResultList();
        return names;
    }

    /** Whether the caller may administer the organization (teams, members): verified owners only. */
    public boolean canManage(Account who, Organization org) {
        return who != null && who.emailVerified && isOwner(who, org);
    }

    /**
     * Whether {@code caller} may administer the organization through the API: as its account may,
     * and with no token or an Admin-scoped one (a Read or Write token never changes teams or members).
     */
    public boolean canManage(Caller caller, Organization org) {
        return canManage(caller.account(), org)
                && capByToken(AccessMode.ADMIN, caller.tokenScope()).atLeast(AccessMode.ADMIN);
    }

    /** A repository's webhooks (and their deliveries) are its Admins' business: Write does not see them. */
    public boolean canManageWebhooks(Account who, Repo repo) {
        return who != null && permission(who, repo).atLeast(AccessMode.ADMIN);
    }

    /** An organization's webhooks hear of all its repositories: verified owners only. */
    public boolean canManageWebhooks(Account who, Organization org) {
        return canManage(who, org);
    }
}
