package dev.hoist.repo;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.Account;
import dev.hoist.model.Namespace;
import dev.hoist.model.Organization;
import dev.hoist.model.Repo;
import dev.hoist.model.Star;
import dev.hoist.model.Team;
import dev.hoist.model.TeamPermission;
import dev.hoist.support.People;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

/**
 * Lists that grow without bound (a namespace's repositories, someone's stars, an organization's
 * members and teams, where one may create a repository) come a page at a time and cost the same
 * number of statements for a few rows as for many: one stranger with thousands of repositories or
 * organizations must not slow these pages down for everyone.
 */
@QuarkusTest
class ListPagesTest {

    @Inject
    EntityManagerFactory emf;

    @Test
    void aProfileShowsItsRepositoriesAPageAtATimeAndOnlyWhatTheViewerMayRead() {
        String alice = Visitor.uniqueName("alice");
        Visitor owner = People.verified(alice);
        Repos.createMany(alice, "pub", 60);
        Repos.create(owner, alice, "hidden", true, "", "");

        Visitor anonymous = new Visitor();
        String first = anonymous.get("/u/" + alice).then().statusCode(200)
                .body(containsString("Page 1 of 3"), containsString("href=\"/u/" + alice + "?page=2\" rel=\"next\""),
                        not(containsString(alice + "/hidden")))
                .extract().asString();
        assertEquals(25, cards(first));
        String last = anonymous.get("/u/" + alice + "?page=3").then().statusCode(200)
                .body(containsString("Page 3 of 3"), containsString("rel=\"prev\""), not(containsString("rel=\"next\"")))
                .extract().asString();
        assertEquals(10, cards(last));

        // The owner also reads the private one: 61 repositories, the newest first.
        owner.get("/u/" + alice).then().statusCode(200).body(containsString(alice + "/hidden"), containsString("Page 1 of 3"));
        assertEquals(11, cards(owner.get("/u/" + alice + "?page=3").asString()));

        for (String odd : new String[] {"abc", "-1", "0", "99999999999", "1e3", "%00"}) {
            assertEquals(25, cards(anonymous.get("/u/" + alice + "?page=" + odd).then().statusCode(200).extract().asString()),
                    "page=" + odd + " shows the first page");
        }
    }

    @Test
    void aProfileCostsTheSameStatementsForThreeRepositoriesAsForSixty() {
        String big = Visitor.uniqueName("big");
        String small = Visitor.uniqueName("small");
        People.verified(big);
        People.verified(small);
        Repos.createMany(big, "r", 60);
        Repos.createMany(small, "r", 3);
        String viewerName = Visitor.uniqueName("viewer");
        Visitor viewer = People.verified(viewerName);
        starAll(viewerName, big, 40);

        long forSmall = statements(() -> viewer.get("/u/" + small).then().statusCode(200));
        long forBig = statements(() -> viewer.get("/u/" + big).then().statusCode(200));
        assertEquals(forSmall, forBig, "statements for a profile of 3 and of 60 repositories");
        long viewersOwn = statements(() -> viewer.get("/u/" + viewerName).then().statusCode(200)
                .body(containsString("Page 1 of 2"), containsString("?starred=2")));
        assertTrue(viewersOwn <= 12, "a profile with 40 stars costs " + viewersOwn + " statements");
    }

    @Test
    void starsOfDeletedOrUnreadableRepositoriesAreNotListed() {
        String bob = Visitor.uniqueName("bob");
        Visitor fan = People.verified(bob);
        String gone = Visitor.uniqueName("gone");
        Visitor goneOwner = People.verified(gone);
        Repos.create(goneOwner, gone, "app", false, "", "");
        String secretive = Visitor.uniqueName("sec");
        Visitor secretOwner = People.verified(secretive);
        Repos.create(secretOwner, secretive, "vault", false, "", "");
        fan.submit("/r/" + gone + "/app", "/r/" + gone + "/app/star", Map.of()).then().statusCode(303);
        fan.submit("/r/" + secretive + "/vault", "/r/" + secretive + "/vault/star", Map.of()).then().statusCode(303);
        QuarkusTransaction.requiringNew().run(() -> {
            Repo.byName(secretive, "vault").orElseThrow().isPrivate = true;
            Namespace.findActive(gone).orElseThrow().deletedAt = Instant.now();
        });

        new Visitor().get("/u/" + bob).then().statusCode(200)
                .body(not(containsString(gone + "/app")), not(containsString(secretive + "/vault")));
        secretOwner.get("/u/" + bob).then().statusCode(200)
                .body(containsString(secretive + "/vault"), not(containsString(gone + "/app")));
    }

    @Test
    void organizationMembersComeAPageAtATimeForTheSameStatements() {
        Visitor owner = People.verified(Visitor.uniqueName("own"));
        String big = newOrg(owner);
        String small = newOrg(owner);
        addMembers(big, "devs", 60);
        addMembers(small, "devs", 2);
        for (int i = 0; i < 4; i++) {
            owner.submit("/orgs/" + big + "/teams", "/orgs/" + big + "/teams", Map.of("name", "team" + i, "description", ""))
                    .then().statusCode(303);
        }

        String page1 = owner.get("/orgs/" + big + "/members").then().statusCode(200)
                .body(containsString("Page 1 of 2"), containsString("devs")).extract().asString();
        assertEquals(50, count(page1, "Remove \\S+ from " + big));
        assertEquals(11, count(owner.get("/orgs/" + big + "/members?page=2").asString(), "Remove \\S+ from " + big));
        owner.get("/orgs/" + big).then().statusCode(200).body(containsString("11 more</a>"));
        owner.get("/orgs/" + big + "/teams").then().statusCode(200).body(containsString("60 members"));

        assertEquals(statements(() -> owner.get("/orgs/" + small + "/members").then().statusCode(200)),
                statements(() -> owner.get("/orgs/" + big + "/members").then().statusCode(200)), "members page");
        assertEquals(statements(() -> owner.get("/orgs/" + small).then().statusCode(200)),
                statements(() -> owner.get("/orgs/" + big).then().statusCode(200)), "organization page");
        assertEquals(statements(() -> owner.get("/orgs/" + small + "/teams").then().statusCode(200)),
                statements(() -> owner.get("/orgs/" + big + "/teams").then().statusCode(200)), "teams page, 2 teams or 6");
    }

    @Test
    void theCreateFormListsTheUsersOrganizationsWithoutLookingAtEveryOther() {
        String me = Visitor.uniqueName("maker");
        Visitor maker = People.verified(me);
        String mine = newOrg(maker);
        Visitor other = People.verified(Visitor.uniqueName("other"));
        String creators = newOrg(other);
        String readers = newOrg(other);
        other.submit("/orgs/" + creators + "/teams", "/orgs/" + creators + "/teams",
                Map.of("name", "makers", "description", "", "canCreate", "on")).then().statusCode(303);
        other.submit("/orgs/" + creators + "/teams/makers", "/orgs/" + creators + "/teams/makers/members", Map.of("username", me))
                .then().statusCode(303);
        other.submit("/orgs/" + readers + "/teams", "/orgs/" + readers + "/teams", Map.of("name", "readers", "description", ""))
                .then().statusCode(303);
        other.submit("/orgs/" + readers + "/teams/readers", "/orgs/" + readers + "/teams/readers/members", Map.of("username", me))
                .then().statusCode(303);

        maker.get("/repository/create").then().statusCode(200)
                .body(containsString(">" + me + "<"), containsString(">" + mine + "<"), containsString(">" + creators + "<"),
                        not(containsString(">" + readers + "<")));
        long before = statements(() -> maker.get("/repository/create").then().statusCode(200));
        for (int i = 0; i < 15; i++) {
            newOrg(other);
        }
        assertEquals(before, statements(() -> maker.get("/repository/create").then().statusCode(200)),
                "statements of the create form after 15 more organizations on the site");
    }

    @Test
    void theTagsTabShowsTwentyFiveTagsAPageForTheSameStatements() {
        String me = Visitor.uniqueName("tagger");
        Visitor owner = People.verified(me);
        Repos.create(owner, me, "many", false, "", "");
        Repos.create(owner, me, "few", false, "", "");
        addTags(me, "many", 60);
        addTags(me, "few", 2);

        Visitor anonymous = new Visitor();
        String first = anonymous.get("/r/" + me + "/many/tags").then().statusCode(200)
                .body(containsString("Page 1 of 3"), containsString("href=\"/r/" + me + "/many/tags?page=2\" rel=\"next\""),
                        containsString(">v60<"), not(containsString(">v35<")))
                .extract().asString();
        assertEquals(25, count(first, "class=\"card tag-card\""));
        String last = anonymous.get("/r/" + me + "/many/tags?page=3").then().statusCode(200)
                .body(containsString("Page 3 of 3"), containsString(">v01<"), not(containsString("rel=\"next\"")))
                .extract().asString();
        assertEquals(10, count(last, "class=\"card tag-card\""));
        anonymous.get("/r/" + me + "/many/tags?page=9").then().statusCode(200).body(containsString("Page 3 of 3"));
        anonymous.get("/r/" + me + "/many/tags?page=%00").then().statusCode(200).body(containsString("Page 1 of 3"));

        assertEquals(statements(() -> owner.get("/r/" + me + "/few/tags").then().statusCode(200)),
                statements(() -> owner.get("/r/" + me + "/many/tags").then().statusCode(200)), "tags page, 2 tags or 60");
    }

    @Test
    void aTeamPageShowsMembersAndPermissionsAPageAtATimeForTheSameStatements() {
        Visitor owner = People.verified(Visitor.uniqueName("own"));
        String big = newOrg(owner);
        String small = newOrg(owner);
        addMembers(big, "devs", 60);
        addMembers(small, "devs", 2);
        Repos.createMany(big, "r", 120);
        Repos.createMany(small, "r", 2);
        grantAll(big, "devs", 120);
        grantAll(small, "devs", 2);

        String first = owner.get("/orgs/" + big + "/teams/devs").then().statusCode(200)
                .body(containsString("Page 1 of 2"), containsString("Page 1 of 3"),
                        containsString("href=\"/orgs/" + big + "/teams/devs?members=2\" rel=\"next\""),
                        containsString("href=\"/orgs/" + big + "/teams/devs?permissions=2\" rel=\"next\""))
                .extract().asString();
        assertEquals(50, count(first, "Remove \\S+</button>"));
        assertEquals(50, count(first, "Revoke on r\\d+</button>"));
        // The repository field suggests a hundred names; it is a text field, not a list of every repository.
        assertEquals(100, count(first, "<option value=\"r\\d+\">"));
        String third = owner.get("/orgs/" + big + "/teams/devs?permissions=3").then().statusCode(200)
                .body(containsString("Page 3 of 3")).extract().asString();
        assertEquals(20, count(third, "Revoke on r\\d+</button>"));
        assertEquals(10, count(owner.get("/orgs/" + big + "/teams/devs?members=2").asString(), "Remove \\S+</button>"));

        assertEquals(statements(() -> owner.get("/orgs/" + small + "/teams/devs").then().statusCode(200)),
                statements(() -> owner.get("/orgs/" + big + "/teams/devs").then().statusCode(200)),
                "team page, 2 members and permissions or 60 and 120");
    }

    /** Read on r001 … r{count} of {@code org} for its team {@code teamName}, straight into the database. */
    private static void grantAll(String org, String teamName, int count) {
        QuarkusTransaction.requiringNew().run(() -> {
            Team team = Team.findByName(Organization.findByName(org).orElseThrow(), teamName).orElseThrow();
            Repo.<Repo>list("namespace.name = ?1", org).stream().limit(count).forEach(repo -> {
                TeamPermission grant = new TeamPermission();
                grant.team = team;
                grant.repo = repo;
                grant.permission = dev.hoist.model.AccessMode.READ;
                grant.persist();
            });
        });
    }

    /** Tags v01 … v{count} of one manifest, v01 pushed first, straight into the database. */
    private static void addTags(String namespace, String name, int count) {
        QuarkusTransaction.requiringNew().run(() -> {
            var em = Repo.getEntityManager();
            long repoId = Repo.byName(namespace, name).orElseThrow().id;
            long manifest = ((Number) em.createNativeQuery("""
                    INSERT INTO manifests (repository_id, digest, media_type, content, total_size)
                    VALUES (?1, 'sha256:' || repeat('a', 64), 'application/vnd.oci.image.manifest.v1+json', '\\x7b7d', 1234)
                    RETURNING id""").setParameter(1, repoId).getSingleResult()).longValue();
            for (int i = 1; i <= count; i++) {
                em.createNativeQuery("INSERT INTO tags (repository_id, name, manifest_id, updated_at) "
                        + "VALUES (?1, ?2, ?3, now() - make_interval(mins => ?4))")
                        .setParameter(1, repoId).setParameter(2, String.format("v%02d", i)).setParameter(3, manifest)
                        .setParameter(4, count - i).executeUpdate();
            }
        });
    }

    private static String newOrg(Visitor owner) {
        String org = Visitor.uniqueName("org");
        owner.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        return org;
    }

    /** {@code count} new accounts in a new team of {@code org}, straight into the database. */
    private static void addMembers(String org, String teamName, int count) {
        QuarkusTransaction.requiringNew().run(() -> {
            Team team = new Team();
            team.organization = Organization.findByName(org).orElseThrow();
            team.name = teamName;
            for (int i = 0; i < count; i++) {
                Account account = new Account();
                account.namespace = Namespace.create(Visitor.uniqueName("m"), Namespace.Kind.user);
                account.email = account.namespace.name + "@example.test";
                account.persist();
                team.members.add(account);
            }
            team.persist();
        });
    }

    /** {@code viewer} stars the first {@code count} repositories named r01, r02 … of {@code namespace}. */
    private static void starAll(String username, String namespace, int count) {
        QuarkusTransaction.requiringNew().run(() -> {
            Account fan = Account.findByUsername(username).orElseThrow();
            for (int i = 1; i <= count; i++) {
                Star star = new Star();
                star.account = fan;
                star.repo = Repo.byName(namespace, String.format("r%02d", i)).orElseThrow();
                star.persist();
            }
        });
    }

    /**
     * The statements a request prepares. The count is the whole application's, and background work
     * (the webhook worker's poll each second, scheduled jobs) only ever adds to it: the fewest of
     * three runs is the request's own.
     */
    private long statements(Runnable request) {
        var statistics = emf.unwrap(SessionFactory.class).getStatistics();
        long fewest = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long before = statistics.getPrepareStatementCount();
            request.run();
            fewest = Math.min(fewest, statistics.getPrepareStatementCount() - before);
        }
        return fewest;
    }

    private static int cards(String html) {
        return count(html, "class=\"repo-card\"");
    }

    private static int count(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
