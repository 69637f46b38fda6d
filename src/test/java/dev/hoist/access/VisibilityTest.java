package dev.hoist.access;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoist.model.AccessMode;
import dev.hoist.model.Account;
import dev.hoist.model.Namespace;
import dev.hoist.model.Repo;
import dev.hoist.support.Cast.Role;
import dev.hoist.support.Cast;
import dev.hoist.support.People;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Private repositories appear in search only for those who may read them. The SQL filters of
 * {@link ReadableRepositories} are checked against {@link Access#permission} on every repository in the
 * database, for every kind of person of the shared {@link Cast}, and then through the page, the
 * suggestions and /v1/search.
 */
@QuarkusTest
class VisibilityTest {

    /** The cast's repositories, and a public one of a deleted user, all named after one word. */
    enum Repository { USER_PUBLIC, USER_PRIVATE, ORG_PUBLIC, ORG_PRIVATE, GONE }

    record World(Cast cast, String word, String gone) {

        String fullName(Repository repo) {
            return switch (repo) {
                case USER_PUBLIC -> cast.user + "/" + cast.publicName;
                case USER_PRIVATE -> cast.user + "/" + cast.privateName;
                case ORG_PUBLIC -> cast.org + "/" + cast.publicName;
                case ORG_PRIVATE -> cast.org + "/" + cast.privateName;
                case GONE -> gone + "/" + word + "-gone";
            };
        }

        Visitor visitor(Role role) {
            return cast.visitor(role);
        }
    }

    private static World world;

    @Inject
    Access access;

    @Inject
    ReadableRepositories visibility;

    @Inject
    EntityManager em;

    private static synchronized World world() {
        if (world != null) {
            return world;
        }
        String word = Visitor.uniqueName("vz");
        Cast cast = Cast.create(word);
        // A deleted user's repositories are gone for everyone, site administrators included.
        String gone = Visitor.uniqueName("vgone");
        Repos.create(People.verified(gone), gone, word + "-gone", false, "", "");
        QuarkusTransaction.requiringNew().run(() -> Namespace.findActive(gone).orElseThrow().deletedAt = Instant.now());
        world = new World(cast, word, gone);
        return world;
    }

    private static final Set<Repository> PUBLIC = Set.of(Repository.USER_PUBLIC, Repository.ORG_PUBLIC);

    /** Who sees which of the world's repositories, written out by hand from docs/permissions.md. */
    private static final Map<Role, Set<Repository>> SEES = Map.of(
            Role.ANONYMOUS, PUBLIC,
            Role.OUTSIDER, PUBLIC,
            Role.USER_OWNER, plus(Repository.USER_PRIVATE),
            Role.COLLABORATOR, plus(Repository.USER_PRIVATE),
            Role.TEAM_READ, plus(Repository.ORG_PRIVATE),
            Role.TEAM_WRITE, plus(Repository.ORG_PRIVATE),
            Role.TEAM_ADMIN, plus(Repository.ORG_PRIVATE),
            Role.UNVERIFIED, plus(Repository.ORG_PRIVATE),
            Role.ORG_OWNER, plus(Repository.ORG_PRIVATE),
            Role.SITE_ADMIN, plus(Repository.USER_PRIVATE, Repository.ORG_PRIVATE));

    private static Set<Repository> plus(Repository... more) {
        Set<Repository> all = EnumSet.copyOf(PUBLIC);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void theSqlFilterAgreesWithTheAccessFunctionOnEveryRepository() {
        World w = world();
        for (Role role : Role.values()) {
            Set<Long> byAccess = QuarkusTransaction.requiringNew().call(() -> {
                Account who = account(w, role);
                return Repo.<Repo>listAll().stream()
                        .filter(r -> r.namespace.deletedAt == null && access.permission(who, r).atLeast(AccessMode.READ))
                        .map(r -> r.id).collect(Collectors.toCollection(TreeSet::new));
            });
            Set<Long> bySql = ids(visibility.of(account(w, role)), "SELECT r.id FROM repositories r WHERE (%s) AND "
                    + ReadableRepositories.LIVE);
            assertEquals(byAccess, bySql, role.name());
            if (role != Role.ANONYMOUS && role != Role.SITE_ADMIN) {
                // The private half alone, which signed-in searches add to the public results.
                Set<Long> byHalves = ids(visibility.readablePrivate(account(w, role)), "SELECT r.id FROM repositories r"
                        + " WHERE (NOT r.private OR r.id IN (%s)) AND " + ReadableRepositories.LIVE);
                assertEquals(byAccess, byHalves, role.name() + ", public and private halves");
            }
        }
    }

    private Set<Long> ids(ReadableRepositories.Filter filter, String sqlAround) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Query query = em.createNativeQuery(sqlAround.formatted(filter.sql()));
            filter.params().forEach(query::setParameter);
            return ((List<?>) query.getResultList()).stream().map(id -> ((Number) id).longValue())
                    .collect(Collectors.toCollection(TreeSet::new));
        });
    }

    @Test
    void thePageShowsPrivateRepositoriesOnlyToThoseWhoMayReadThem() {
        World w = world();
        for (Role role : Role.values()) {
            String html = w.visitor(role).get("/search?q=" + w.word()).then().statusCode(200).extract().asString();
            Set<Repository> seen = SEES.get(role);
            for (Repository repo : Repository.values()) {
                assertEquals(seen.contains(repo), html.contains(">" + w.fullName(repo) + "<"), role + " sees " + repo);
            }
            // Counts give nothing away either.
            assertEquals(true, html.contains(seen.size() + " results"), role + ": " + seen.size() + " results");
            // Nor do filters, sorts and the words' other paths (typos, beginnings, browsing one namespace).
            for (String other : List.of("&namespace=" + w.cast().user, "&namespace=" + w.cast().org, "&sort=stars",
                    "&sort=updated", "&verified=true", "&page=2")) {
                assertHidden(w, role, w.visitor(role).get("/search?q=" + w.word() + other).asString());
            }
            for (String typed : List.of(w.word().substring(0, 6), w.word() + "x", "&namespace=" + w.cast().user)) {
                assertHidden(w, role, w.visitor(role).get("/search?q=" + typed).asString());
            }
        }
    }

    private static void assertHidden(World w, Role role, String html) {
        for (Repository repo : Repository.values()) {
            if (!SEES.get(role).contains(repo)) {
                assertEquals(false, html.contains(w.fullName(repo)), role + " must not see " + repo);
            }
        }
    }

    @Test
    void suggestionsShowPrivateNamesOnlyToThoseWhoMayReadThem() {
        World w = world();
        for (Role role : Role.values()) {
            String json = w.visitor(role).get("/search/suggest?q=" + w.word()).then().statusCode(200)
                    .header("Cache-Control", containsString("no-store")).extract().asString();
            for (Repository repo : Repository.values()) {
                assertEquals(SEES.get(role).contains(repo), json.contains("\"" + w.fullName(repo) + "\""),
                        role + " is offered " + repo);
            }
        }
    }

    @Test
    void correctionsNeverRevealPrivateNames() {
        String owner = Visitor.uniqueName("hid");
        String word = Visitor.uniqueName("hw");
        Visitor ownerVisitor = People.verified(owner);
        Repos.create(ownerVisitor, owner, word, true, "", "");
        String typo = word + word.charAt(word.length() - 1);
        for (Visitor outsider : List.of(new Visitor(), People.verified(Visitor.uniqueName("hx")))) {
            outsider.get("/search?q=" + typo).then().statusCode(200)
                    .body(containsString("No repositories match"))
                    .body(not(containsString("these are the results for")))
                    .body(not(containsString(owner + "/" + word)));
            outsider.get("/search/suggest?q=" + typo).then().body(equalTo("[]"));
            outsider.get("/v1/search?q=" + typo).then().body("num_results", equalTo(0));
        }
        // Corrections come from public names only, for everyone: one shared list that can tell nobody
        // a private name. The owner finds their repository by its name.
        ownerVisitor.get("/search?q=" + typo).then().body(not(containsString("these are the results for")));
        ownerVisitor.get("/search?q=" + word).then().body(containsString(owner + "/" + word));
    }

    @Test
    void dockerSearchHonoursBasicCredentials() {
        World w = world();
        new Visitor().get("/v1/search?q=" + w.word()).then().statusCode(200).body("num_results", equalTo(2))
                .body("results.name", containsInAnyOrder(w.fullName(Repository.USER_PUBLIC), w.fullName(Repository.ORG_PUBLIC)));
        for (Role role : List.of(Role.OUTSIDER, Role.USER_OWNER, Role.COLLABORATOR, Role.TEAM_READ, Role.SITE_ADMIN)) {
            Response response = basic(w.cast().name(role), "password123").get("/v1/search?q=" + w.word());
            response.then().statusCode(200).body("num_results", equalTo(SEES.get(role).size()));
            for (Repository repo : List.of(Repository.USER_PRIVATE, Repository.ORG_PRIVATE)) {
                assertEquals(SEES.get(role).contains(repo), response.asString().contains(w.fullName(repo)),
                        role + " finds " + repo);
            }
        }
    }

    @Test
    void dockerSearchHonoursRegistryBearerTokens() {
        World w = world();
        String token = basic(w.cast().name(Role.TEAM_READ), "password123").get("/token?service=hoist")
                .then().statusCode(200).extract().path("token");
        new Visitor().request().header("Authorization", "Bearer " + token).get("/v1/search?q=" + w.word()).then()
                .statusCode(200).body("num_results", equalTo(3)).body(containsString(w.fullName(Repository.ORG_PRIVATE)));
        String anonymous = new Visitor().get("/token?service=hoist").then().statusCode(200).extract().path("token");
        new Visitor().request().header("Authorization", "Bearer " + anonymous).get("/v1/search?q=" + w.word()).then()
                .statusCode(200).body("num_results", equalTo(2)).body(not(containsString(w.cast().privateName)));
    }

    @Test
    void wrongCredentialsAreRefusedNotTreatedAsAnonymous() {
        World w = world();
        basic(w.cast().name(Role.USER_OWNER), "wrong-password").get("/v1/search?q=" + w.word()).then().statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"))
                .contentType(containsString("application/json"))
                .body("errors[0].code", equalTo("UNAUTHORIZED"))
                .body(not(containsString(w.word())));
        new Visitor().from("10.44.0.2").request().header("Authorization", "Basic not-base64!").get("/v1/search?q=x")
                .then().statusCode(401).body("errors[0].code", equalTo("UNAUTHORIZED"));
        new Visitor().request().header("Authorization", "Bearer abc").get("/v1/search?q=x").then().statusCode(401);
    }

    @Test
    void failedBasicSignInsCountTowardTheLockout() {
        String name = Visitor.uniqueName("lock");
        People.verified(name);
        for (int i = 0; i < 5; i++) {
            basic(name, "wrong-password").get("/v1/search?q=x").then().statusCode(401);
        }
        basic(name, "password123").get("/v1/search?q=x").then().statusCode(429)
                .header("Retry-After", not(equalTo(null))).body("errors[0].code", equalTo("TOOMANYREQUESTS"));
    }

    private static io.restassured.specification.RequestSpecification basic(String user, String password) {
        return new Visitor().from("10.44.0.1").request().auth().preemptive().basic(user, password);
    }

    private static Account account(World w, Role role) {
        return role == Role.ANONYMOUS ? null : Account.findByUsername(w.cast().name(role)).orElseThrow();
    }
}
