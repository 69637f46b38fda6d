package dev.hoist.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoist.account.Account;
import dev.hoist.repo.Repo;
import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every role × visibility × action, through the access function and through the pages. The
 * expected table is written out by hand from PRODUCT.md, not derived from the code.
 */
@QuarkusTest
class PermissionMatrixTest {

    enum Role { ANONYMOUS, UNVERIFIED, OUTSIDER, COLLABORATOR, TEAM_READ, TEAM_WRITE, TEAM_ADMIN, ORG_OWNER, USER_OWNER, SITE_ADMIN }

    enum Action { VIEW, PULL, PUSH, EDIT_SETTINGS, CHANGE_VISIBILITY, MANAGE_ACCESS, DELETE, STAR }

    /** Expected access per role, the same for public and private unless the role gets only the public minimum. */
    private static final Map<Role, AccessMode[]> EXPECTED = new EnumMap<>(Map.of(
            // role: { on a public repository, on a private repository }
            Role.ANONYMOUS, new AccessMode[] { AccessMode.READ, AccessMode.NONE },
            Role.UNVERIFIED, new AccessMode[] { AccessMode.READ, AccessMode.READ }, // team Admin, capped at Read
            Role.OUTSIDER, new AccessMode[] { AccessMode.READ, AccessMode.NONE },
            Role.COLLABORATOR, new AccessMode[] { AccessMode.WRITE, AccessMode.WRITE },
            Role.TEAM_READ, new AccessMode[] { AccessMode.READ, AccessMode.READ },
            Role.TEAM_WRITE, new AccessMode[] { AccessMode.WRITE, AccessMode.WRITE },
            Role.TEAM_ADMIN, new AccessMode[] { AccessMode.ADMIN, AccessMode.ADMIN },
            Role.ORG_OWNER, new AccessMode[] { AccessMode.ADMIN, AccessMode.ADMIN },
            Role.USER_OWNER, new AccessMode[] { AccessMode.ADMIN, AccessMode.ADMIN },
            Role.SITE_ADMIN, new AccessMode[] { AccessMode.ADMIN, AccessMode.ADMIN }));

    private static final Map<Action, AccessMode> NEEDS = new EnumMap<>(Map.of(
            Action.VIEW, AccessMode.READ, Action.PULL, AccessMode.READ, Action.PUSH, AccessMode.WRITE,
            Action.EDIT_SETTINGS, AccessMode.ADMIN, Action.CHANGE_VISIBILITY, AccessMode.ADMIN,
            Action.MANAGE_ACCESS, AccessMode.ADMIN, Action.DELETE, AccessMode.ADMIN, Action.STAR, AccessMode.READ));

    @Inject
    Access access;

    /** The people and repositories of the matrix, made once through the pages as users would. */
    private static World world;

    record World(Map<Role, Visitor> visitors, Map<Role, String> names, String user, String org) {
        String repoFor(Role role, boolean isPrivate) {
            boolean orgSide = role.name().startsWith("TEAM") || role == Role.ORG_OWNER || role == Role.UNVERIFIED;
            return (orgSide ? org : user) + "/" + (isPrivate ? "private-one" : "public-one");
        }
    }

    private static synchronized World world() {
        if (world != null) {
            return world;
        }
        Map<Role, String> names = new LinkedHashMap<>();
        Map<Role, Visitor> visitors = new LinkedHashMap<>();
        visitors.put(Role.ANONYMOUS, new Visitor());
        for (Role role : Role.values()) {
            if (role == Role.ANONYMOUS) {
                continue;
            }
            String name = role == Role.SITE_ADMIN ? People.SITE_ADMIN : Visitor.uniqueName("m");
            names.put(role, name);
            visitors.put(role, role == Role.SITE_ADMIN ? People.siteAdmin()
                    : role == Role.UNVERIFIED ? Visitor.signedUp(name) : People.verified(name));
        }
        String user = names.get(Role.USER_OWNER);
        String org = Visitor.uniqueName("acme");
        Visitor owner = visitors.get(Role.USER_OWNER);
        Visitor orgOwner = visitors.get(Role.ORG_OWNER);
        orgOwner.submit("/orgs/new", "/orgs/new", Map.of("name", org));
        for (String ns : List.of(user, org)) {
            Visitor creator = ns.equals(user) ? owner : orgOwner;
            // The free plan allows one private repository per namespace: exactly what the matrix needs.
            creator.submit("/repository/create", "/repository/create",
                    Map.of("namespace", ns, "name", "public-one", "visibility", "public")).then().statusCode(303);
            creator.submit("/repository/create", "/repository/create",
                    Map.of("namespace", ns, "name", "private-one", "visibility", "private")).then().statusCode(303);
        }
        for (String repo : List.of("public-one", "private-one")) {
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
            for (String repo : List.of("public-one", "private-one")) {
                orgOwner.submit(page, page + "/permissions", Map.of("repository", repo, "permission", permission))
                        .then().statusCode(303);
            }
        });
        world = new World(visitors, names, user, org);
        return world;
    }

    @TestFactory
    Stream<DynamicTest> everyCell() {
        List<DynamicTest> cells = new ArrayList<>();
        for (Role role : Role.values()) {
            for (boolean isPrivate : new boolean[] { false, true }) {
                for (Action action : Action.values()) {
                    String label = role + " × " + (isPrivate ? "private" : "public") + " × " + action;
                    cells.add(DynamicTest.dynamicTest(label, () -> assertCell(role, isPrivate, action)));
                }
            }
        }
        return cells.stream();
    }

    private void assertCell(Role role, boolean isPrivate, Action action) {
        World w = world();
        String fullName = w.repoFor(role, isPrivate);
        AccessMode expectedMode = EXPECTED.get(role)[isPrivate ? 1 : 0];
        boolean allowed = expectedMode.atLeast(NEEDS.get(action)) && !(action == Action.STAR && role == Role.ANONYMOUS);

        AccessMode actual = QuarkusTransaction.requiringNew().call(() -> {
            Account who = role == Role.ANONYMOUS ? null : Account.findByUsername(w.names().get(role)).orElseThrow();
            String[] parts = fullName.split("/");
            return access.permission(who, Repo.byName(parts[0], parts[1]).orElseThrow());
        });
        assertEquals(expectedMode, actual, "access function");

        if (action == Action.PUSH) {
            // Pages have no push; the registry asks the same function for Write.
            assertEquals(allowed, actual.atLeast(AccessMode.WRITE), "push");
            return;
        }
        Visitor visitor = w.visitors().get(role);
        String page = "/r/" + fullName;
        int status = switch (action) {
            case VIEW, PULL -> visitor.get(page).statusCode();
            case EDIT_SETTINGS, CHANGE_VISIBILITY, MANAGE_ACCESS, DELETE -> visitor.get(page + "/settings").statusCode();
            // A valid form token from a page the visitor can open, so only the permission decides.
            case STAR -> visitor.submit(role == Role.ANONYMOUS ? "/signup" : "/settings", page + "/star", Map.of()).statusCode();
            default -> throw new IllegalStateException();
        };
        if (allowed) {
            int expected = action == Action.STAR ? 303 : 200;
            assertEquals(expected, status, "allowed: " + role + " " + action + " on " + fullName);
        } else if (expectedMode == AccessMode.NONE) {
            assertEquals(404, status, "outsiders cannot tell a private repository exists");
        } else if (role == Role.ANONYMOUS) {
            assertEquals(303, status, "anonymous is sent to sign in");
        } else {
            assertEquals(403, status, "refused: " + role + " " + action);
        }
    }
}
