package dev.hoist.support;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everyone who may or may not read a repository, made once through the pages as users would: a
 * user and an organization, each with a public and a private repository, and a person for every
 * way of being granted access (or not). PermissionMatrixTest checks what each may do, and the
 * search's VisibilityTest what each may find, on the same cast.
 */
public final class Cast {

    public enum Role {
        ANONYMOUS,
        /** Signed in, granted nothing. */
        OUTSIDER,
        /** Owns the user namespace. */
        USER_OWNER,
        /** Collaborator on both of the user's repositories. */
        COLLABORATOR,
        /** In a team with Read, Write or Admin on both of the organization's repositories. */
        TEAM_READ, TEAM_WRITE, TEAM_ADMIN,
        /** In a team with Admin, but has not verified their email (capped at Read). */
        UNVERIFIED,
        /** In the organization's owners team. */
        ORG_OWNER,
        SITE_ADMIN
    }

    /** The repositories' names, the same in both namespaces. */
    public final String publicName;
    public final String privateName;
    /** The user namespace (USER_OWNER's) and the organization. */
    public final String user;
    public final String org;
    private final Map<Role, Visitor> visitors;
    private final Map<Role, String> names;

    private Cast(String word, String user, String org, Map<Role, Visitor> visitors, Map<Role, String> names) {
        this.publicName = word + "-public";
        this.privateName = word + "-private";
        this.user = user;
        this.org = org;
        this.visitors = visitors;
        this.names = names;
    }

    /** A new cast whose repositories are named {@code word-public} and {@code word-private}. */
    public static Cast create(String word) {
        Map<Role, String> names = new EnumMap<>(Role.class);
        Map<Role, Visitor> visitors = new EnumMap<>(Role.class);
        visitors.put(Role.ANONYMOUS, new Visitor());
        for (Role role : Role.values()) {
            if (role == Role.ANONYMOUS) {
                continue;
            }
            String name = role == Role.SITE_ADMIN ? People.SITE_ADMIN : Visitor.uniqueName("c");
            names.put(role, name);
            visitors.put(role, role == Role.SITE_ADMIN ? People.siteAdmin()
                    : role == Role.UNVERIFIED ? Visitor.signedUp(name) : People.verified(name));
        }
        String user = names.get(Role.USER_OWNER);
        String org = Visitor.uniqueName("corg");
        Visitor owner = visitors.get(Role.USER_OWNER);
        Visitor orgOwner = visitors.get(Role.ORG_OWNER);
        orgOwner.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        Cast cast = new Cast(word, user, org, visitors, names);
        List<String> repos = List.of(cast.publicName, cast.privateName);
        for (String ns : List.of(user, org)) {
            // The free plan allows one private repository per namespace: exactly what the cast needs.
            Visitor creator = ns.equals(user) ? owner : orgOwner;
            Repos.create(creator, ns, cast.publicName, false, "", "");
            Repos.create(creator, ns, cast.privateName, true, "", "");
        }
        for (String repo : repos) {
            String settings = "/r/" + user + "/" + repo + "/settings";
            owner.submit(settings, settings + "/collaborators", Map.of("username", names.get(Role.COLLABORATOR)))
                    .then().statusCode(303);
        }
        Map<Role, String> teams = Map.of(Role.TEAM_READ, "READ", Role.TEAM_WRITE, "WRITE", Role.TEAM_ADMIN, "ADMIN",
                Role.UNVERIFIED, "ADMIN");
        teams.forEach((role, permission) -> {
            String team = "t" + role.name().toLowerCase().replace("_", "");
            String teamsPage = "/orgs/" + org + "/teams";
            orgOwner.submit(teamsPage, teamsPage, Map.of("name", team, "description", "")).then().statusCode(303);
            String page = teamsPage + "/" + team;
            orgOwner.submit(page, page + "/members", Map.of("username", names.get(role))).then().statusCode(303);
            for (String repo : repos) {
                orgOwner.submit(page, page + "/permissions", Map.of("repository", repo, "permission", permission))
                        .then().statusCode(303);
            }
        });
        return cast;
    }

    public Visitor visitor(Role role) {
        return visitors.get(role);
    }

    /** The username of {@code role}; null for ANONYMOUS. */
    public String name(Role role) {
        return names.get(role);
    }

    /** The namespace whose repositories {@code role} was granted (or not): the organization's side or the user's. */
    public String namespaceFor(Role role) {
        boolean orgSide = role.name().startsWith("TEAM") || role == Role.ORG_OWNER || role == Role.UNVERIFIED;
        return orgSide ? org : user;
    }

    /** {@code namespace/name} of the repository {@code role} is tested on. */
    public String repoFor(Role role, boolean isPrivate) {
        return namespaceFor(role) + "/" + (isPrivate ? privateName : publicName);
    }
}
