package dev.hoist.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoist.model.AccessMode;
import dev.hoist.model.Account;
import dev.hoist.model.Repo;
import dev.hoist.support.Cast.Role;
import dev.hoist.support.Cast;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every role × visibility × action, through the access function and through the pages, on the
 * shared {@link Cast}. The expected table is written out by hand from docs/permissions.md, not derived
 * from the code.
 */
@QuarkusTest
class PermissionMatrixTest {

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
    private static Cast cast;

    private static synchronized Cast cast() {
        if (cast == null) {
            cast = Cast.create("one");
        }
        return cast;
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
        Cast w = cast();
        String fullName = w.repoFor(role, isPrivate);
        AccessMode expectedMode = EXPECTED.get(role)[isPrivate ? 1 : 0];
        boolean allowed = expectedMode.atLeast(NEEDS.get(action)) && !(action == Action.STAR && role == Role.ANONYMOUS);

        AccessMode actual = QuarkusTransaction.requiringNew().call(() -> {
            Account who = role == Role.ANONYMOUS ? null : Account.findByUsername(w.name(role)).orElseThrow();
            String[] parts = fullName.split("/");
            return access.permission(who, Repo.byName(parts[0], parts[1]).orElseThrow());
        });
        assertEquals(expectedMode, actual, "access function");

        if (action == Action.PUSH) {
            // Pages have no push; the registry asks the same function for Write.
            assertEquals(allowed, actual.atLeast(AccessMode.WRITE), "push");
            return;
        }
        Visitor visitor = w.visitor(role);
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
