package dev.hoist.search;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoist.access.Access;
import dev.hoist.access.AccessMode;
import dev.hoist.account.Account;
import dev.hoist.namespace.Namespace;
import dev.hoist.repo.Repo;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Private repositories appear in search only for those who may read them. The SQL filter of
 * {@link Visibility} is checked against {@link Access#permission} on every repository in the
 * database, for every kind of person, and then through the page, the suggestions and /v1/search.
 */
@QuarkusTest
class VisibilityTest {

    enum Role { ANONYMOUS, OUTSIDER, OWNER, COLLABORATOR, TEAM_READER, ORG_OWNER, UNVERIFIED_TEAM_ADMIN, SITE_ADMIN }

    record World(String word, Map<Role, String> names, Map<Role, Visitor> visitors, String owner, String org) {
    }

    private static World world;

    @Inject
    Access access;

    @Inject
    Visibility visibility;

    @Inject
    EntityManager em;

    private static synchronized World world() {
        if (world != null) {
            return world;
        }
        String word = Visitor.uniqueName("vz");
        Map<Role, String> names = new LinkedHashMap<>();
        Map<Role, Visitor> visitors = new LinkedHashMap<>();
        visitors.put(Role.ANONYMOUS, new Visitor());
        for (Role role : Role.values()) {
            if (role == Role.ANONYMOUS) {
                continue;
            }
            String name = role == Role.SITE_ADMIN ? People.SITE_ADMIN : Visitor.uniqueName("v");
            names.put(role, name);
            visitors.put(role, role == Role.SITE_ADMIN ? People.siteAdmin()
                    : role == Role.UNVERIFIED_TEAM_ADMIN ? Visitor.signedUp(name) : People.verified(name));
        }
        String owner = names.get(Role.OWNER);
        Visitor ownerVisitor = visitors.get(Role.OWNER);
        Repos.create(ownerVisitor, owner, word + "-open", false, "", "");
        Repos.create(ownerVisitor, owner, word + "-mine", true, "", "");
        String settings = "/r/" + owner + "/" + word + "-mine/settings";
        ownerVisitor.submit(settings, settings + "/collaborators", Map.of("username", names.get(Role.COLLABORATOR)))
                .then().statusCode(303);

        String org = Visitor.uniqueName("vorg");
        Visitor orgOwner = visitors.get(Role.ORG_OWNER);
        orgOwner.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        Repos.create(orgOwner, org, word + "-org", true, "", "");
        Map<Role, String> grants = Map.of(Role.TEAM_READER, "READ", Role.UNVERIFIED_TEAM_ADMIN, "ADMIN");
        grants.forEach((role, permission) -> {
            String team = "t" + role.name().toLowerCase().replace("_", "");
            String teams = "/orgs/" + org + "/teams";
            orgOwner.submit(teams, teams, Map.of("name", team, "description", "")).then().statusCode(303);
            String page = teams + "/" + team;
            orgOwner.submit(page, page + "/members", Map.of("username", names.get(role))).then().statusCode(303);
            orgOwner.submit(page, page + "/permissions", Map.of("repository", word + "-org", "permission", permission))
                    .then().statusCode(303);
        });

        // A deleted user's repositories are gone for everyone, site administrators included.
        String gone = Visitor.uniqueName("vgone");
        Repos.create(People.verified(gone), gone, word + "-gone", false, "", "");
        QuarkusTransaction.requiringNew().run(() -> Namespace.findActive(gone).orElseThrow().deletedAt = Instant.now());

        world = new World(word, names, visitors, owner, org);
        return world;
    }

    /** Who sees which of the world's repositories, written out by hand from PRODUCT.md. */
    private static final Map<Role, Set<String>> SEES = Map.of(
            Role.ANONYMOUS, Set.of("open"),
            Role.OUTSIDER, Set.of("open"),
            Role.OWNER, Set.of("open", "mine"),
            Role.COLLABORATOR, Set.of("open", "mine"),
            Role.TEAM_READER, Set.of("open", "org"),
            Role.ORG_OWNER, Set.of("open", "org"),
            Role.UNVERIFIED_TEAM_ADMIN, Set.of("open", "org"),
            Role.SITE_ADMIN, Set.of("open", "mine", "org"));

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
            Set<Long> bySql = QuarkusTransaction.requiringNew().call(() -> {
                Visibility.Filter filter = visibility.of(account(w, role));
                Query query = em.createNativeQuery("SELECT r.id FROM repositories r WHERE (" + filter.sql() + ") AND "
                        + Visibility.LIVE);
                filter.params().forEach(query::setParameter);
                return ((List<?>) query.getResultList()).stream().map(id -> ((Number) id).longValue())
                        .collect(Collectors.toCollection(TreeSet::new));
            });
            assertEquals(byAccess, bySql, role.name());
        }
    }

    @Test
    void thePageShowsPrivateRepositoriesOnlyToThoseWhoMayReadThem() {
        World w = world();
        for (Role role : Role.values()) {
            String html = w.visitors().get(role).get("/search?q=" + w.word()).then().statusCode(200).extract().asString();
            Set<String> seen = SEES.get(role);
            for (String suffix : List.of("open", "mine", "org", "gone")) {
                assertEquals(seen.contains(suffix), html.contains(w.word() + "-" + suffix + "<"), role + " sees " + suffix);
            }
            // Counts give nothing away either.
            String count = seen.size() == 1 ? "1 result" : seen.size() + " results";
            assertEquals(true, html.contains(count), role + ": " + count);
            // Nor do filters, sorts and the words' other paths (typos, beginnings, browsing one namespace).
            for (String other : List.of("&namespace=" + w.owner(), "&namespace=" + w.org(), "&sort=stars", "&verified=true")) {
                assertHidden(role, w.visitors().get(role).get("/search?q=" + w.word() + other).asString(), w.word(), seen);
            }
            for (String typed : List.of(w.word().substring(0, 6), w.word() + "x", "&namespace=" + w.owner())) {
                String q = typed.startsWith("&") ? "" + typed : typed;
                assertHidden(role, w.visitors().get(role).get("/search?q=" + q).asString(), w.word(), seen);
            }
        }
    }

    private static void assertHidden(Role role, String html, String word, Set<String> seen) {
        for (String suffix : List.of("mine", "org", "gone")) {
            if (!seen.contains(suffix)) {
                assertEquals(false, html.contains(word + "-" + suffix + "<"), role + " must not see " + suffix);
            }
        }
    }

    @Test
    void suggestionsShowPrivateNamesOnlyToThoseWhoMayReadThem() {
        World w = world();
        for (Role role : Role.values()) {
            String json = w.visitors().get(role).get("/search/suggest?q=" + w.word()).then().statusCode(200)
                    .header("Cache-Control", containsString("no-store")).extract().asString();
            for (String suffix : List.of("open", "mine", "org", "gone")) {
                assertEquals(SEES.get(role).contains(suffix), json.contains(w.word() + "-" + suffix + "\""),
                        role + " is offered " + suffix);
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
        ownerVisitor.get("/search?q=" + typo).then().body(containsString("these are the results for"))
                .body(containsString(owner + "/" + word));
    }

    @Test
    void dockerSearchHonoursBasicCredentials() {
        World w = world();
        new Visitor().get("/v1/search?q=" + w.word()).then().statusCode(200)
                .body("num_results", equalTo(1)).body("results[0].name", equalTo(w.owner() + "/" + w.word() + "-open"));
        for (Role role : List.of(Role.OUTSIDER, Role.OWNER, Role.COLLABORATOR, Role.TEAM_READER, Role.SITE_ADMIN)) {
            Response response = basic(w.names().get(role), "password123").get("/v1/search?q=" + w.word());
            response.then().statusCode(200).body("num_results", equalTo(SEES.get(role).size()));
            for (String suffix : List.of("mine", "org")) {
                assertEquals(SEES.get(role).contains(suffix), response.asString().contains(w.word() + "-" + suffix),
                        role + " finds " + suffix);
            }
        }
    }

    @Test
    void dockerSearchHonoursRegistryBearerTokens() {
        World w = world();
        String token = basic(w.names().get(Role.TEAM_READER), "password123").get("/token?service=hoist")
                .then().statusCode(200).extract().path("token");
        new Visitor().request().header("Authorization", "Bearer " + token).get("/v1/search?q=" + w.word()).then()
                .statusCode(200).body("num_results", equalTo(2)).body(containsString(w.word() + "-org"));
        String anonymous = new Visitor().get("/token?service=hoist").then().statusCode(200).extract().path("token");
        new Visitor().request().header("Authorization", "Bearer " + anonymous).get("/v1/search?q=" + w.word()).then()
                .statusCode(200).body("num_results", equalTo(1));
    }

    @Test
    void wrongCredentialsAreRefusedNotTreatedAsAnonymous() {
        World w = world();
        basic(w.names().get(Role.OWNER), "wrong-password").get("/v1/search?q=" + w.word()).then().statusCode(401)
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
        return role == Role.ANONYMOUS ? null : Account.findByUsername(w.names().get(role)).orElseThrow();
    }
}
