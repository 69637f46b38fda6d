package dev.hoist.registry;

import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.events.EventLog;
import dev.hoist.model.events.OrganizationDeleted;
import dev.hoist.support.FormBurst;
import dev.hoist.support.People;
import dev.hoist.support.RecordedEvents;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An owner deletes an organization by typing its name: its teams and repositories go with it (the
 * collector frees their images), its name stays reserved, and nobody else can do it.
 */
@QuarkusTest
class OrganizationDeletionTest {

    @Inject
    GarbageCollector collector;

    @Inject
    RecordedEvents recorded;

    @Test
    void anOwnerDeletesTheOrganizationWithItsRepositoriesTeamsAndImages() throws Exception {
        String me = People.newVerified("orgdelown");
        Visitor owner = signIn(me);
        String org = organization(owner);
        String memberName = People.newVerified("orgdelmem");
        Visitor member = signIn(memberName);
        String devs = "/orgs/" + org + "/teams/devs";
        owner.submit("/orgs/" + org + "/teams", "/orgs/" + org + "/teams", Map.of("name", "devs", "description", ""))
                .then().statusCode(303);
        owner.submit(devs, devs + "/members", Map.of("username", memberName)).then().statusCode(303);
        OciLayout.Image image = OciLayout.image(30_000);
        RegistryClient.as(me, "password123").pushImage(org + "/app", image, "v1");
        Repos.create(owner, org, "docs", true, "", "");
        String hooks = "/orgs/" + org + "/settings/webhooks";
        owner.submit(hooks, hooks, Map.of("name", "ci", "url", "http://127.0.0.2:9/hook", "events", "image_pushed",
                "format", "docker-hub")).then().statusCode(anyOf(is(200), is(303)));
        assertEquals(1, count("SELECT count(*) FROM webhooks w JOIN organizations o ON o.id = w.organization_id "
                + "JOIN namespaces n ON n.id = o.namespace_id WHERE n.name = ?1", org));
        EventLog log = EventLog.watching(recorded, me, org);

        owner.get("/orgs/" + org + "/members").then().statusCode(200)
                .body(containsString("It takes along its <strong>2 repositories</strong>"))
                .body(containsString("Type the organization&#39;s name to confirm"));
        owner.submit("/orgs/" + org + "/members", "/orgs/" + org + "/delete", Map.of("confirm", org))
                .then().statusCode(303);
        log.expect(new OrganizationDeleted(null, me, org, 2));
        owner.get("/").then().body(containsString("The organization " + org + " is deleted, with its 2 repositories."));

        for (Visitor who : List.of(owner, member, new Visitor())) {
            who.get("/orgs/" + org).then().statusCode(404);
            who.get("/r/" + org + "/app").then().statusCode(404);
        }
        assertEquals(0, count("SELECT count(*) FROM repositories WHERE full_name LIKE ?1", org + "/%"));
        assertEquals(0, count("SELECT count(*) FROM webhooks w JOIN organizations o ON o.id = w.organization_id "
                + "JOIN namespaces n ON n.id = o.namespace_id WHERE n.name = ?1", org));
        assertEquals(0, count("SELECT count(*) FROM teams t JOIN organizations o ON o.id = t.organization_id "
                + "JOIN namespaces n ON n.id = o.namespace_id WHERE n.name = ?1", org));
        member.get("/u/" + memberName).then().statusCode(200).body(not(containsString(org)));
        // The name stays reserved, for an organization and for a push that would create a repository.
        owner.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(400)
                .body(containsString("This name is already taken."));
        RegistryClient.as(me, "password123").pushBlob(org + "/app", image.layer()).then().statusCode(401);

        for (OciLayout.Blob blob : List.of(image.layer(), image.config())) {
            BlobAges.age(blob.digest(), Duration.ofHours(25));
        }
        collector.collect();
        assertFalse(Files.exists(BlobAges.fileOf(image.layer().digest())), "the layer is freed from disk");
    }

    @Test
    void onlyAnOwnerWhoTypesTheNameDeletesAndNothingChangesOtherwise() {
        String me = People.newVerified("orgdelref");
        Visitor owner = signIn(me);
        String org = organization(owner);
        String memberName = People.newVerified("orgdelro");
        Visitor member = signIn(memberName);
        owner.submit("/orgs/" + org + "/teams", "/orgs/" + org + "/teams", Map.of("name", "devs", "description", ""))
                .then().statusCode(303);
        String devs = "/orgs/" + org + "/teams/devs";
        owner.submit(devs, devs + "/members", Map.of("username", memberName)).then().statusCode(303);
        Visitor stranger = signIn(People.newVerified("orgdelstr"));
        String action = "/orgs/" + org + "/delete";
        EventLog log = EventLog.watching(recorded, me, org, memberName);

        owner.submit("/orgs/" + org + "/members", action, Map.of("confirm", org.toUpperCase())).then().statusCode(400)
                .body(containsString("Type the organization&#39;s name, " + org + ", to confirm."));
        owner.submit("/orgs/" + org + "/members", action, Map.of("confirm", org + "\u0000")).then().statusCode(400);
        owner.submit("/orgs/" + org + "/members", action, Map.of()).then().statusCode(400);
        member.get("/orgs/" + org + "/members").then().statusCode(200).body(not(containsString("Delete " + org)));
        member.submit("/orgs/" + org + "/members", action, Map.of("confirm", org)).then().statusCode(403);
        stranger.submit("/settings", action, Map.of("confirm", org)).then().statusCode(404);
        owner.post(action, Map.of("confirm", org)).then().statusCode(403);
        new Visitor().post(action, Map.of("confirm", org)).then().statusCode(403);
        log.expectNone();
        owner.get("/orgs/" + org).then().statusCode(200);

        // The site administrators run the library but are not its members: it has no page to delete it from.
        Visitor admin = People.siteAdmin();
        admin.submit("/settings", "/orgs/library/delete", Map.of("confirm", "library")).then().statusCode(404);
        assertEquals(0, count("SELECT count(*) FROM namespaces WHERE name = ?1 AND deleted_at IS NOT NULL", "library"));
    }

    @Test
    void ofManyDeletionsAtOnceOneDeletesAndTheOthersFindNothing() {
        String me = People.newVerified("orgdelbur");
        Visitor owner = signIn(me);
        String org = organization(owner);
        Repos.create(owner, org, "app", false, "", "");
        EventLog log = EventLog.watching(recorded, me, org);

        List<FormBurst.Answer> answers = FormBurst.post(owner, i -> "10.9.0." + i, "/orgs/" + org + "/members",
                "/orgs/" + org + "/delete", 8, i -> Map.of("confirm", org));

        assertEquals(1, answers.stream().filter(a -> a.status() == 303).count(), answers.toString());
        assertTrue(answers.stream().allMatch(a -> a.status() == 303 || a.status() == 404), answers.toString());
        log.expect(new OrganizationDeleted(null, me, org, 1));
    }

    private static Visitor signIn(String username) {
        Visitor visitor = new Visitor();
        visitor.submit("/login", "/login", Map.of("username", username, "password", "password123")).then().statusCode(303);
        return visitor;
    }

    private static String organization(Visitor owner) {
        String org = Visitor.uniqueName("delorg");
        owner.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        return org;
    }

    private static long count(String sql, String parameter) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager().createNativeQuery(sql)
                .setParameter(1, parameter).getSingleResult()).longValue());
    }
}
