package dev.hoist.repo;

import dev.hoist.access.Access;
import dev.hoist.model.AccessMode;
import dev.hoist.model.Account;
import dev.hoist.model.FieldErrors;
import dev.hoist.model.Forbidden;
import dev.hoist.model.InvalidInputException;
import dev.hoist.model.Namespace;
import dev.hoist.model.NotFound;
import dev.hoist.model.Organization;
import dev.hoist.model.Repo;
import dev.hoist.model.Star;
import dev.hoist.model.Team;
import dev.hoist.model.TeamPermission;
import dev.hoist.model.events.CollaboratorAdded;
import dev.hoist.model.events.CollaboratorRemoved;
import dev.hoist.model.events.DomainEvent;
import dev.hoist.model.events.PermissionGranted;
import dev.hoist.model.events.PermissionRevoked;
import dev.hoist.model.events.RepositoryCreated;
import dev.hoist.model.events.RepositoryDeleted;
import dev.hoist.model.events.RepositoryUpdated;
import dev.hoist.model.events.StarAdded;
import dev.hoist.model.events.StarRemoved;
import dev.hoist.quota.Quotas;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** Creating, changing and deleting repositories; every change asks {@link Access} first. */
@ApplicationScoped
@Transactional
public class RepoService {

    public static final int SHORT_DESCRIPTION_MAX = 100;
    public static final int README_MAX = 100_000;

    @Inject
    Access access;

    @Inject
    Quotas quotas;

    @Inject
    Readmes readmes;

    @Inject
    Event<DomainEvent> events;

    public Repo create(Account who, String namespaceName, String name, String shortDescription, boolean makePrivate,
            String readme) {
        FieldErrors errors = new FieldErrors();
        Namespace namespace = namespaceName == null ? null : Namespace.findActive(namespaceName).orElse(null);
        if (namespace == null || !access.canCreateIn(who, namespace)) {
            errors.add("namespace", "Choose a namespace where you may create repositories.");
        }
        RepoNames.problem(name).ifPresent(m -> errors.add("name", m));
        checkTexts(errors, shortDescription, readme);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        quotas.countCreation(who);
        if (!quotas.lockNamespace(namespace)) {
            throw InvalidInputException.of("namespace", "Choose a namespace where you may create repositories.");
        }
        // Under the namespace's lock: the name, the counts and the insert are one step.
        if (Repo.byName(namespace.name, name).isPresent()) {
            throw InvalidInputException.of("name", "A repository " + namespace.name + "/" + name + " already exists.");
        }
        quotas.checkRepositories(namespace);
        if (makePrivate) {
            quotas.checkPrivateRepositories(namespace);
        }
        Repo repo = new Repo();
        repo.namespace = namespace;
        repo.name = name;
        storeReadme(repo, readme);
        repo.shortDescription = shortDescription == null ? "" : shortDescription.trim();
        repo.isPrivate = makePrivate;
        try {
            repo.persistAndFlush();
        } catch (PersistenceException e) {
            throw InvalidInputException.of("name", "A repository " + namespace.name + "/" + name + " already exists.");
        }
        events.fire(new RepositoryCreated(Instant.now(), who.username(), repo.fullName(), repo.isPrivate, false));
        return repo;
    }

    /**
     * Creates the repository a first push names, with its namespace's default visibility, when the
     * caller may create repositories there; empty otherwise. A private default counts toward the
     * plan. Quotas refuse with {@code QuotaExceededException}.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public java.util.Optional<Repo> createForPush(Account who, String namespaceName, String name) {
        Namespace namespace = Namespace.findActive(namespaceName).orElse(null);
        if (namespace == null || !access.canCreateIn(who, namespace) || RepoNames.problem(name).isPresent()) {
            return java.util.Optional.empty();
        }
        quotas.lockAccount(who);
        if (!quotas.lockNamespace(namespace)) {
            return java.util.Optional.empty();
        }
        // Parallel first pushes of one new repository: the first creates it, the others find it here.
        java.util.Optional<Repo> existing = Repo.byName(namespace.name, name);
        if (existing.isPresent()) {
            return existing;
        }
        quotas.countCreation(who);
        quotas.checkRepositories(namespace);
        if (namespace.defaultPrivate) {
            quotas.checkPrivateRepositories(namespace);
        }
        Repo repo = new Repo();
        repo.namespace = namespace;
        repo.name = name;
        repo.isPrivate = namespace.defaultPrivate;
        repo.persist();
        events.fire(new RepositoryCreated(Instant.now(), who.username(), repo.fullName(), repo.isPrivate, true));
        return java.util.Optional.of(repo);
    }

    public Repo describe(Account who, Repo target, String shortDescription, String readme) {
        Repo repo = admin(who, target);
        FieldErrors errors = new FieldErrors();
        checkTexts(errors, shortDescription, readme);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String oldDescription = repo.shortDescription;
        String oldReadme = repo.readme;
        storeReadme(repo, readme);
        repo.shortDescription = shortDescription == null ? "" : shortDescription.trim();
        repo.updatedAt = Instant.now();
        Set<RepositoryUpdated.Change> changes = EnumSet.noneOf(RepositoryUpdated.Change.class);
        if (!Objects.equals(oldDescription, repo.shortDescription)) {
            changes.add(RepositoryUpdated.Change.DESCRIPTION);
        }
        if (!Objects.equals(oldReadme, repo.readme)) {
            changes.add(RepositoryUpdated.Change.README);
        }
        updated(who, repo, changes);
        return repo;
    }

    public Repo setVisibility(Account who, Repo target, boolean makePrivate) {
        Repo repo = admin(who, target);
        if (makePrivate && !repo.isPrivate) {
            quotas.lockNamespace(repo.namespace);
            Repo.getEntityManager().refresh(repo); // a parallel switch of this same repository may have won
            if (!repo.isPrivate) {
                quotas.checkPrivateRepositories(repo.namespace);
            }
        }
        boolean changed = repo.isPrivate != makePrivate;
        repo.isPrivate = makePrivate;
        repo.updatedAt = Instant.now();
        if (changed) {
            updated(who, repo, Set.of(RepositoryUpdated.Change.VISIBILITY));
        }
        return repo;
    }

    private void updated(Account who, Repo repo, Set<RepositoryUpdated.Change> changes) {
        if (!changes.isEmpty()) {
            events.fire(new RepositoryUpdated(Instant.now(), who.username(), repo.fullName(), changes, repo.isPrivate));
        }
    }

    public void delete(Account who, Repo target, String typedName) {
        Repo repo = admin(who, target);
        if (!repo.fullName().equals(typedName)) {
            throw InvalidInputException.of("confirm", "Type " + repo.fullName() + " to confirm.");
        }
        repo.delete();
        events.fire(new RepositoryDeleted(Instant.now(), who.username(), repo.fullName()));
    }

    /** Collaborators exist only on user-owned repositories; organizations use teams. */
    public Repo addCollaborator(Account who, Repo target, String username) {
        Repo repo = admin(who, target);
        if (repo.namespace.isOrganization()) {
            throw InvalidInputException.of("collaborator", "Organization repositories give access through teams.");
        }
        Account collaborator = username == null ? null : Account.findByUsername(username.trim().toLowerCase()).orElse(null);
        if (collaborator == null) {
            throw InvalidInputException.of("collaborator", "There is no user " + username + ".");
        }
        if (collaborator.namespace.id.equals(repo.namespace.id)) {
            throw InvalidInputException.of("collaborator", "The owner already has every right.");
        }
        if (repo.collaborators.add(collaborator)) {
            events.fire(new CollaboratorAdded(Instant.now(), who.username(), repo.fullName(), collaborator.username()));
        }
        return repo;
    }

    public Repo removeCollaborator(Account who, Repo target, String username) {
        Repo repo = admin(who, target);
        if (repo.collaborators.removeIf(a -> a.username().equals(username))) {
            events.fire(new CollaboratorRemoved(Instant.now(), who.username(), repo.fullName(), username));
        }
        return repo;
    }

    /** Gives a team of the repository's organization a permission on it (repository Admins may). */
    public void grantTeam(Account who, Repo target, String teamName, String permission) {
        Repo repo = admin(who, target);
        Team team = teamOf(repo, teamName);
        AccessMode mode = parseGrant(permission);
        TeamPermission grant = TeamPermission.find(team, repo).orElseGet(() -> {
            TeamPermission created = new TeamPermission();
            created.team = team;
            created.repo = repo;
            return created;
        });
        boolean changed = grant.permission != mode;
        grant.permission = mode;
        grant.persist();
        if (changed) {
            events.fire(new PermissionGranted(Instant.now(), who.username(), repo.namespace.name, team.name, repo.fullName(),
                    mode.name()));
        }
    }

    public void revokeTeam(Account who, Repo target, String teamName) {
        Repo repo = admin(who, target);
        Team team = teamOf(repo, teamName);
        if (TeamPermission.revoke(team, repo)) {
            events.fire(new PermissionRevoked(Instant.now(), who.username(), repo.namespace.name, team.name, repo.fullName()));
        }
    }

    /** Read, Write or Admin from a form value; anything else is a form error. */
    public static AccessMode parseGrant(String permission) {
        for (AccessMode mode : new AccessMode[] { AccessMode.READ, AccessMode.WRITE, AccessMode.ADMIN }) {
            if (mode.name().equalsIgnoreCase(permission)) {
                return mode;
            }
        }
        throw InvalidInputException.of("permission", "Choose Read, Write or Admin.");
    }

    private static Team teamOf(Repo repo, String teamName) {
        Organization org = Organization.findByNamespace(repo.namespace)
                .orElseThrow(() -> InvalidInputException.of("team", "Only organization repositories have team permissions."));
        return Team.findByName(org, teamName == null ? "" : teamName)
                .orElseThrow(() -> InvalidInputException.of("team", "There is no team " + teamName + " in " + org.name() + "."));
    }

    /** Stars are idempotent; the count moves in the same transaction as the row. */
    public Repo star(Account who, Repo target, boolean starred) {
        Repo repo = Repo.findById(target.id);
        if (repo == null || !access.permission(who, repo).atLeast(AccessMode.READ)) {
            throw new NotFound();
        }
        boolean exists = Star.exists(who, repo);
        if (starred && !exists) {
            Star star = new Star();
            star.account = who;
            star.repo = repo;
            star.persist();
            repo.starCount++;
            events.fire(new StarAdded(Instant.now(), who.username(), repo.fullName()));
        } else if (!starred && exists) {
            Star.delete("account = ?1 and repo = ?2", who, repo);
            repo.starCount--;
            events.fire(new StarRemoved(Instant.now(), who.username(), repo.fullName()));
        }
        return repo;
    }

    private Repo admin(Account who, Repo target) {
        Repo repo = Repo.findById(target.id);
        if (repo == null) {
            throw new NotFound();
        }
        AccessMode mode = access.permission(who, repo);
        if (!mode.atLeast(AccessMode.READ)) {
            throw new NotFound();
        }
        if (!mode.atLeast(AccessMode.ADMIN)) {
            throw new Forbidden();
        }
        return repo;
    }

    /** Renders the README now, once, so that no view ever renders it; one beyond the bounds is a form error. */
    private void storeReadme(Repo repo, String readme) {
        ReadmeRenderer.Rendered rendered = readmes.store(repo, readme == null ? "" : readme);
        if (rendered.refused()) {
            throw InvalidInputException.of("readme", rendered.problem());
        }
    }

    private static void checkTexts(FieldErrors errors, String shortDescription, String readme) {
        if (shortDescription != null && shortDescription.trim().length() > SHORT_DESCRIPTION_MAX) {
            errors.add("description", "Use at most " + SHORT_DESCRIPTION_MAX + " characters.");
        }
        if (readme != null && readme.length() > README_MAX) {
            errors.add("readme", "Use at most " + README_MAX + " characters.");
        }
    }
}
