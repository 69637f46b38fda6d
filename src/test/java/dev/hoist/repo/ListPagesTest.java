package dev.hoist.repo;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.account.Account;
import dev.hoist.namespace.Namespace;
import dev.hoist.org.Organization;
import dev.hoist.org.Team;
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

    private long statements(Runnable request) {
        var statistics = emf.unwrap(SessionFactory.class).getStatistics();
        long before = statistics.getPrepareStatementCount();
        request.run();
        return statistics.getPrepareStatementCount() - before;
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
