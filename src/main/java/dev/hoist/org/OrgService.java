package dev.hoist.org;

import dev.hoist.access.Access;
import dev.hoist.model.Account;
import dev.hoist.model.FieldErrors;
import dev.hoist.model.Forbidden;
import dev.hoist.model.InvalidInputException;
import dev.hoist.model.Namespace;
import dev.hoist.model.NamespaceContents;
import dev.hoist.model.NamespaceNames;
import dev.hoist.model.NotFound;
import dev.hoist.model.Organization;
import dev.hoist.model.Repo;
import dev.hoist.model.Team;
import dev.hoist.model.TeamPermission;
import dev.hoist.model.events.DefaultPrivacyChanged;
import dev.hoist.model.events.DomainEvent;
import dev.hoist.model.events.MemberAdded;
import dev.hoist.model.events.MemberRemoved;
import dev.hoist.model.events.OrganizationCreated;
import dev.hoist.model.events.OrganizationDeleted;
import dev.hoist.model.events.PermissionRevoked;
import dev.hoist.model.events.TeamCreated;
import dev.hoist.model.events.TeamDeleted;
import dev.hoist.model.events.TeamRenamed;
import dev.hoist.model.events.VerifiedBadgeChanged;
import dev.hoist.quota.Quotas;
import dev.hoist.repo.RepoService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.regex.Pattern;

/** Organizations and their teams. Every change is for the organization's owners only. */
@ApplicationScoped
@Transactional
public class OrgService {

    private static final Pattern TEAM_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{1,29}");

    @Inject
    Access access;

    @Inject
    RepoService repos;

    @Inject
    Quotas quotas;

    @Inject
    NamespaceContents contents;

    @Inject
    Event<DomainEvent> events;

    public Organization create(Account who, String name) {
        if (!access.canCreateOrganization(who)) {
            throw InvalidInputException.of("name", "Verify your email address before creating an organization.");
        }
        NamespaceNames.problem(name).ifPresent(m -> {
            throw InvalidInputException.of("name", m.replace("username", "name"));
        });
        if (Namespace.isTaken(name)) {
            throw InvalidInputException.of("name", "This name is already taken.");
        }
        quotas.countCreation(who);
        quotas.checkOrganizations(who);
        Organization org = new Organization();
        org.createdBy = who.id;
        try {
            org.namespace = Namespace.create(name, Namespace.Kind.org);
            org.persist();
        } catch (PersistenceException e) {
            throw InvalidInputException.of("name", "This name is already taken.");
        }
        Team owners = new Team();
        owners.organization = org;
        owners.name = Team.OWNERS;
        owners.description = "Administer everything in " + name + ".";
        owners.canCreateRepositories = true;
        owners.members.add(Account.findById(who.id));
        owners.persist();
        events.fire(new OrganizationCreated(Instant.now(), who.username(), name));
        events.fire(new MemberAdded(Instant.now(), who.username(), name, Team.OWNERS, who.username()));
        return org;
    }

    /**
     * Deletes the organization with its teams and repositories (their images go to the garbage
     * collector) and returns how many repositories went. Its name stays reserved, so nobody can
     * take over what it published. The owner types its name to confirm.
     */
    public int delete(Account who, Organization target, String typedName) {
        Organization org = Organization.findById(target.id);
        // Queued behind a deletion in progress, this finds the teams gone: the organization is too.
        if (lockOwnersIfAny(org).isEmpty()) {
            throw new NotFound();
        }
        owner(who, org);
        if (org.isLibrary()) {
            throw InvalidInputException.of("confirm", "The library holds the official images and cannot be deleted.");
        }
        if (typedName == null || !org.name().equals(typedName.trim())) {
            throw InvalidInputException.of("confirm", "Type the organization's name, " + org.name() + ", to confirm.");
        }
        if (!contents.markDeleted(org.namespace.id)) {
            throw new NotFound();
        }
        int repositories = contents.deleteRepositories(org.namespace.id);
        contents.deleteTeams(org.id);
        events.fire(new OrganizationDeleted(Instant.now(), who.username(), org.name(), repositories));
        return repositories;
    }

    public Team createTeam(Account who, Organization org, String name, String description, boolean canCreate) {
        owner(who, org);
        FieldErrors errors = teamProblems(org, name, description, null);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        quotas.countCreation(who);
        Team team = new Team();
        team.organization = Organization.findById(org.id);
        team.name = name;
        team.description = description == null ? "" : description.trim();
        team.canCreateRepositories = canCreate;
        team.persist();
        events.fire(new TeamCreated(Instant.now(), who.username(), team.organization.name(), team.name));
        return team;
    }

    public Team editTeam(Account who, Team target, String name, String description, boolean canCreate) {
        Team team = Team.findById(target.id);
        owner(who, team.organization);
        if (team.isOwners() && !Team.OWNERS.equals(name)) {
            throw InvalidInputException.of("name", "The owners team cannot be renamed.");
        }
        FieldErrors errors = teamProblems(team.organization, name, description, team);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String oldName = team.name;
        team.name = name;
        team.description = description == null ? "" : description.trim();
        team.canCreateRepositories = team.isOwners() || canCreate;
        if (!oldName.equals(name)) {
            events.fire(new TeamRenamed(Instant.now(), who.username(), team.organization.name(), oldName, name));
        }
        return team;
    }

    public void deleteTeam(Account who, Team target) {
        Team team = Team.findById(target.id);
        owner(who, team.organization);
        if (team.isOwners()) {
            throw InvalidInputException.of("team", "The owners team cannot be deleted.");
        }
        team.delete();
        events.fire(new TeamDeleted(Instant.now(), who.username(), team.organization.name(), team.name));
    }

    /** Adds the user to the team; false, changing nothing, when they are in it already. */
    public boolean addMember(Account who, Team target, String username) {
        Team team = Team.findById(target.id);
        owner(who, team.organization);
        Account member = username == null ? null : Account.findByUsername(username.trim().toLowerCase()).orElse(null);
        if (member == null) {
            throw InvalidInputException.of("username", "There is no user " + username + ".");
        }
        if (team.hasMember(member)) {
            return false;
        }
        team.members.add(member);
        events.fire(new MemberAdded(Instant.now(), who.username(), team.organization.name(), team.name, member.username()));
        return true;
    }

    public Team removeMember(Account who, Team target, String username) {
        Team team = Team.findById(target.id);
        lockOwners(team.organization);
        owner(who, team.organization);
        if (team.isOwners() && team.members.size() == 1 && team.members.iterator().next().username().equals(username)) {
            throw InvalidInputException.of("username", "An organization needs at least one owner.");
        }
        if (team.members.removeIf(m -> m.username().equals(username))) {
            events.fire(new MemberRemoved(Instant.now(), who.username(), team.organization.name(), team.name, username));
        }
        return team;
    }

    /** Takes the user out of every team of the organization. */
    public void removeFromOrganization(Account who, Organization org, String username) {
        Team owners = lockOwners(org);
        owner(who, org);
        if (owners.members.size() == 1 && owners.members.iterator().next().username().equals(username)) {
            throw InvalidInputException.of("member", "An organization needs at least one owner.");
        }
        for (Team team : Team.ofOrganization(org)) {
            if (team.members.removeIf(m -> m.username().equals(username))) {
                events.fire(new MemberRemoved(Instant.now(), who.username(), org.name(), team.name, username));
            }
        }
    }

    public void grant(Account who, Team target, String repoName, String permission) {
        Team team = Team.findById(target.id);
        owner(who, team.organization);
        if (repoName == null || repoName.isBlank()) {
            throw InvalidInputException.of("repository", Repo.recentOf(team.organization.namespace, 1).isEmpty()
                    ? team.organization.name() + " has no repositories yet: create one first."
                    : "Enter the name of a repository of " + team.organization.name() + ".");
        }
        Repo repo = Repo.byName(team.organization.name(), repoName.trim()).orElse(null);
        if (repo == null) {
            throw InvalidInputException.of("repository", "There is no repository " + team.organization.name() + "/" + repoName + ".");
        }
        repos.grantTeam(who, repo, team.name, permission);
    }

    public void revoke(Account who, Team target, Repo repo) {
        Team team = Team.findById(target.id);
        owner(who, team.organization);
        if (TeamPermission.revoke(team, repo)) {
            events.fire(new PermissionRevoked(Instant.now(), who.username(), team.organization.name(), team.name,
                    repo.fullName()));
        }
    }

    /** Docker Hub's default repository privacy, for repositories created by a first push. */
    public void setDefaultPrivacy(Account who, Organization target, boolean makePrivate) {
        Organization org = Organization.findById(target.id);
        owner(who, org);
        if (org.namespace.defaultPrivate != makePrivate) {
            org.namespace.defaultPrivate = makePrivate;
            events.fire(new DefaultPrivacyChanged(Instant.now(), who.username(), org.name(), makePrivate));
        }
    }

    /** Site administrators vouch for an organization's identity; the badge shows on its pages and images. */
    public Organization setVerifiedPublisher(Account who, Organization target, boolean verified) {
        if (!access.canVerifyPublishers(who)) {
            throw new Forbidden();
        }
        Organization org = Organization.findById(target.id);
        if (org.verifiedPublisher != verified) {
            org.verifiedPublisher = verified;
            events.fire(new VerifiedBadgeChanged(Instant.now(), who.username(), org.name(), verified));
        }
        return org;
    }

    /**
     * Locks the organization's owners team until the transaction ends: removals that could take its
     * last owner queue here, so "at least one owner" holds however many arrive at once, on every
     * copy of Hoist (the lock is PostgreSQL's).
     */
    private static Team lockOwners(Organization org) {
        return lockOwnersIfAny(org).orElseThrow(NotFound::new);
    }

    private static java.util.Optional<Team> lockOwnersIfAny(Organization org) {
        return Team.<Team>find("organization = ?1 and name = ?2", org, Team.OWNERS)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    private void owner(Account who, Organization org) {
        if (!access.canManage(who, org)) {
            throw new Forbidden();
        }
    }

    private static FieldErrors teamProblems(Organization org, String name, String description, Team self) {
        FieldErrors errors = new FieldErrors();
        if (name == null || !TEAM_NAME.matcher(name).matches()) {
            errors.add("name", "Use 2 to 30 lowercase letters, digits, - and _, starting with a letter or digit.");
        } else if (Team.findByName(org, name).filter(t -> self == null || !t.id.equals(self.id)).isPresent()) {
            errors.add("name", "This organization already has a team " + name + ".");
        }
        if (description != null && description.trim().length() > 200) {
            errors.add("description", "Use at most 200 characters.");
        }
        return errors;
    }
}
