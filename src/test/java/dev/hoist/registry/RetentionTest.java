package dev.hoist.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.Repo;
import dev.hoist.model.RetentionRules;
import dev.hoist.model.events.ManifestDeleted;
import dev.hoist.model.events.RetentionPolicyChanged;
import dev.hoist.model.events.TagDeleted;
import dev.hoist.support.People;
import dev.hoist.support.RecordedEvents;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Retention policies through the page, their dry run, their runs (daily, on demand, racing a push). */
@QuarkusTest
class RetentionTest {

    @Inject
    RecordedEvents events;

    @Inject
    Retention retention;

    @Inject
    RetentionPlans plans;

    @Inject
    PullTimes pullTimes;

    /** Moves a tag's push back {@code days} days, as if it were pushed then. */
    static void agePush(String namespace, String name, String tag, int days) {
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery(
                "UPDATE tags SET updated_at = now() - make_interval(days => ?1) WHERE repository_id = ?2 AND name = ?3")
                .setParameter(1, days).setParameter(2, Repo.byName(namespace, name).orElseThrow().id).setParameter(3, tag)
                .executeUpdate());
    }

    static void ageManifest(String namespace, String name, String digest, int days) {
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery(
                "UPDATE manifests SET created_at = now() - make_interval(days => ?1) WHERE repository_id = ?2 AND digest = ?3")
                .setParameter(1, days).setParameter(2, Repo.byName(namespace, name).orElseThrow().id).setParameter(3, digest)
                .executeUpdate());
    }

    static Map<String, String> form(String keepLast, String pattern, String unpulled, String untagged, String grace) {
        Map<String, String> form = new HashMap<>();
        form.put("keepLast", keepLast);
        form.put("keepPattern", pattern);
        form.put("unpulledDays", unpulled);
        form.put("untaggedDays", untagged);
        form.put("graceDays", grace);
        return form;
    }

    /** The tags of the repository now, through the registry. */
    static Set<String> tags(String user, String repository) {
        return Set.copyOf(RegistryClient.as(user, "password123").on(repository, "pull")
                .get("/v2/" + repository + "/tags/list").jsonPath().getList("tags", String.class));
    }

    @Test
    void aPolicyDeletesWhatItsDryRunShowedAndNothingElse() throws Exception {
        String me = Visitor.uniqueName("keep");
        Visitor owner = People.verified(me);
        String name = me + "/app";
        RegistryClient client = RegistryClient.as(me, "password123");
        for (String tag : List.of("v1", "v2", "v3", "v4", "v5", "latest", "old", "pulled-old", "fresh")) {
            client.pushImage(name, OciLayout.image(1000), tag);
        }
        for (int i = 1; i <= 4; i++) {
            agePush(me, "app", "v" + i, 21 - i);
        }
        agePush(me, "app", "old", 30);
        agePush(me, "app", "pulled-old", 30);
        agePush(me, "app", "latest", 30);
        pullTimes.forget();
        client.on(name, "pull").get("/v2/" + name + "/manifests/pulled-old").then().statusCode(200);
        client.on(name, "pull").get("/v2/" + name + "/manifests/latest").then().statusCode(200);
        // Untagged: one old, one old but pulled by digest lately, one old signature of a tagged image.
        OciLayout.Image untagged = OciLayout.image(500);
        client.pushImage(name, untagged, untagged.manifestDigest());
        OciLayout.Image pinned = OciLayout.image(500);
        client.pushImage(name, pinned, pinned.manifestDigest());
        ageManifest(me, "app", untagged.manifestDigest(), 10);
        ageManifest(me, "app", pinned.manifestDigest(), 10);
        client.on(name, "pull").get("/v2/" + name + "/manifests/" + pinned.manifestDigest()).then().statusCode(200);
        ImmutableTagsTest.api(me).body(Map.of("immutable_tags", true, "immutable_tags_rules", List.of("v2")))
                .patch("/v2/repositories/" + name + "/").then().statusCode(200);
        given().auth().preemptive().basic(me, "password123").get("/v2/repositories/" + name + "/tags/pulled-old")
                .then().statusCode(200).body("tag_last_pulled", notNullValue());

        String page = "/r/" + name + "/settings/retention";
        Map<String, String> rules = form("2", "v*", "25", "5", "7");
        Response dryRun = owner.submit(page, page, with(rules, "action", "preview"));
        dryRun.then().statusCode(200)
                .body(containsString("<td>v1</td>")).body(containsString("<td>v3</td>")).body(containsString("<td>old</td>"))
                .body(containsString("older than the 2 most recently pushed tags matching v*"))
                .body(containsString("not pulled for 25 days"))
                .body(containsString(untagged.manifestDigest().substring(0, 19)))
                .body(not(containsString("<td>v2</td>"))).body(not(containsString("<td>v4</td>")))
                .body(not(containsString("<td>latest</td>"))).body(not(containsString("<td>pulled-old</td>")))
                .body(not(containsString("<td>fresh</td>"))).body(not(containsString(pinned.manifestDigest().substring(0, 19))))
                .body(containsString("app: 4 (up to "));
        assertEquals(Set.of("v1", "v2", "v3", "v4", "v5", "latest", "old", "pulled-old", "fresh"), tags(me, name));

        // Switching on without having seen this dry run shows it first; saving what was reviewed switches it on.
        int changes = events.of(RetentionPolicyChanged.class).size();
        Map<String, String> on = with(with(rules, "enabled", "on"), "action", "save");
        owner.submit(page, page, on).then().statusCode(200).body(containsString("Save after this dry run"));
        assertEquals(changes, events.of(RetentionPolicyChanged.class).size());
        String reviewed = "v*|2|25|5|7";
        owner.submit(page, page, with(on, "reviewed", reviewed)).then().statusCode(303);
        RetentionPolicyChanged saved = events.of(RetentionPolicyChanged.class).get(changes);
        assertEquals(name, saved.repository());
        assertEquals(2, saved.keepLast());
        assertTrue(saved.enabled());

        int tagEvents = events.of(TagDeleted.class).size();
        int manifestEvents = events.of(ManifestDeleted.class).size();
        owner.submit(page, page + "/run", Map.of()).then().statusCode(303);
        owner.get(page).then().body(containsString("Retention deleted 3 tags and 1 untagged images."));
        assertEquals(Set.of("v2", "v4", "v5", "latest", "pulled-old", "fresh"), tags(me, name));
        assertEquals(Set.of("v1", "v3", "old"), events.of(TagDeleted.class).stream().skip(tagEvents)
                .map(TagDeleted::tag).collect(Collectors.toSet()));
        List<ManifestDeleted> gone = events.of(ManifestDeleted.class).subList(manifestEvents, events.of(ManifestDeleted.class).size());
        assertEquals(List.of(untagged.manifestDigest()), gone.stream().map(ManifestDeleted::digest).toList());
        assertEquals(me, gone.get(0).actor());
        client.on(name, "pull").head("/v2/" + name + "/manifests/" + untagged.manifestDigest()).then().statusCode(404);
        client.on(name, "pull").head("/v2/" + name + "/manifests/" + pinned.manifestDigest()).then().statusCode(200);

        // The daily run finds it done today.
        assertTrue(retention.runScheduled(Repo.byName(me, "app").orElseThrow().id).skipped());
    }

    @Test
    void aPushRacingTheRunWins() throws Exception {
        String me = People.newVerified("race");
        String name = me + "/app";
        RegistryClient client = RegistryClient.as(me, "password123");
        client.pushImage(name, OciLayout.image(300), "nightly");
        agePush(me, "app", "nightly", 40);
        Repo repo = QuarkusTransaction.requiringNew().call(() -> Repo.byName(me, "app").orElseThrow());
        RetentionRules rules = RetentionRules.parse(true, "*", null, "30", null, "7");
        RetentionPlans.Plan plan = QuarkusTransaction.requiringNew().call(() -> plans.plan(repo, rules));
        assertEquals(1, plan.tags().size());
        // Between the plan and the delete, CI pushes the tag again (another image): it stays.
        client.pushImage(name, OciLayout.image(301), "nightly");
        int tagEvents = events.of(TagDeleted.class).size();
        assertEquals(0, retention.apply(repo, plan, null).tags());
        assertEquals(Set.of("nightly"), tags(me, name));
        assertEquals(tagEvents, events.of(TagDeleted.class).size());
    }

    @Test
    void anOrganizationsPolicyGovernsItsRepositoriesOneCopyAtATime() throws Exception {
        String me = Visitor.uniqueName("rorg");
        Visitor owner = People.verified(me);
        String org = Visitor.uniqueName("rorgs");
        owner.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        RegistryClient client = RegistryClient.as(me, "password123");
        client.pushImage(org + "/api", OciLayout.image(300), "stale");
        client.pushImage(org + "/own", OciLayout.image(300), "stale");
        agePush(org, "api", "stale", 60);
        agePush(org, "own", "stale", 60);
        // "own" has a policy of its own (off), so the organization's does not govern it.
        String ownPage = "/r/" + org + "/own/settings/retention";
        owner.submit(ownPage, ownPage, with(form("", "*", "", "", "7"), "action", "save")).then().statusCode(303);

        String page = "/orgs/" + org + "/settings/retention";
        owner.get(page).then().statusCode(200);
        Map<String, String> rules = with(with(form("", "*", "30", "", "7"), "enabled", "on"), "action", "save");
        owner.submit(page, page, rules).then().statusCode(200).body(containsString(org + "/api: 1"))
                .body(not(containsString(org + "/own:")));
        owner.submit(page, page, with(rules, "reviewed", "*|null|30|null|7")).then().statusCode(303);

        long apiId = QuarkusTransaction.requiringNew().call(() -> Repo.byName(org, "api").orElseThrow().id);
        long ownId = QuarkusTransaction.requiringNew().call(() -> Repo.byName(org, "own").orElseThrow().id);
        // Another copy of Hoist holds the repository: this one leaves it.
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread other = new Thread(() -> QuarkusTransaction.requiringNew().run(() -> {
            Panache.getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(?1, CAST(?2 AS integer))")
                    .setParameter(1, Retention.LOCK).setParameter(2, (int) apiId).getSingleResult();
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        other.start();
        held.await();
        assertTrue(retention.runScheduled(apiId).skipped());
        release.countDown();
        other.join();
        assertEquals(new Retention.Outcome(1, 0, false), retention.runScheduled(apiId));
        assertTrue(retention.runScheduled(ownId).skipped());
        assertEquals(Set.of(), tags(me, org + "/api"));
        assertEquals(Set.of("stale"), tags(me, org + "/own"));
    }

    @Test
    void onlyAdminsAndOwnersSeeOrChangePoliciesAndBadRulesAreRefused() {
        String me = Visitor.uniqueName("rperm");
        Visitor owner = People.verified(me);
        String org = Visitor.uniqueName("rperms");
        owner.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        Repos.create(owner, org, "app", true, "", "");
        String writer = Visitor.uniqueName("rwriter");
        Visitor writerVisitor = People.verified(writer);
        String teams = "/orgs/" + org + "/teams";
        owner.submit(teams, teams, Map.of("name", "devs", "description", "")).then().statusCode(303);
        owner.submit(teams + "/devs", teams + "/devs/members", Map.of("username", writer)).then().statusCode(303);
        owner.submit("/r/" + org + "/app/settings", "/r/" + org + "/app/settings/teams", Map.of("team", "devs", "permission", "WRITE"))
                .then().statusCode(303);
        Visitor outsider = People.verified(Visitor.uniqueName("rout"));
        String page = "/r/" + org + "/app/settings/retention";
        Map<String, String> rules = with(form("1", "*", "", "", "7"), "action", "save");

        writerVisitor.get(page).then().statusCode(403);
        writerVisitor.submit("/settings", page, rules).then().statusCode(403);
        writerVisitor.submit("/settings", page + "/run", Map.of()).then().statusCode(403);
        writerVisitor.get("/orgs/" + org + "/settings/retention").then().statusCode(404);
        Response hidden = outsider.get(page);
        assertEquals(404, hidden.statusCode());
        assertEquals(outsider.get("/r/" + org + "/nothing/settings/retention").asString(), hidden.asString());
        outsider.submit("/settings", page, rules).then().statusCode(404);
        outsider.submit("/settings", "/orgs/" + org + "/settings/retention", rules).then().statusCode(404);
        // Without the form's CSRF token, nothing is saved.
        owner.request().formParams(rules).post(page).then().statusCode(403);

        for (Map<String, String> bad : List.of(form("abc", "*", "", "", "7"), form("-1", "*", "", "", "7"),
                form("99999999999", "*", "", "", "7"), form("1", "x".repeat(129), "", "", "7"),
                form("1", "(a+)+$", "", "", "7"), form("1", "*", "0", "", "7"), form("1", "*", "", "", "0"))) {
            owner.submit(page, page, with(bad, "action", "save")).then().statusCode(400)
                    .body(containsString("aria-invalid=\"true\""));
        }
        owner.submit(page, page, with(with(form("", "*", "", "", "7"), "enabled", "on"), "action", "save"))
                .then().statusCode(400).body(containsString("Set at least one rule"));
    }

    @Test
    void adminsDeleteManyTagsAtOnceFromTheTagsTab() throws Exception {
        String me = Visitor.uniqueName("bulk");
        Visitor owner = People.verified(me);
        String name = me + "/app";
        RegistryClient client = RegistryClient.as(me, "password123");
        for (String tag : List.of("a", "b", "c", "keep")) {
            client.pushImage(name, OciLayout.image(200), tag);
        }
        ImmutableTagsTest.api(me).body(Map.of("immutable_tags", true, "immutable_tags_rules", List.of("c")))
                .patch("/v2/repositories/" + name + "/").then().statusCode(200);
        String tab = "/r/" + name + "/tags";
        owner.get(tab).then().body(containsString("name=\"tag\" value=\"a\"")).body(not(containsString("name=\"tag\" value=\"c\"")));
        Response deleted = owner.request().formParam("csrf-token", owner.csrfToken(tab)).formParam("tag", "a", "b", "c", "gone")
                .post(tab + "/delete");
        deleted.then().statusCode(303);
        owner.withCookie(dev.hoist.web.Flash.COOKIE, deleted.cookie(dev.hoist.web.Flash.COOKIE)).get(tab).then().body(containsString("Deleted 2 tags: a, b. Not deleted: The tag c cannot be moved or deleted"))
                .body(containsString("There is no tag gone."));
        assertEquals(Set.of("c", "keep"), tags(me, name));
        // A forged form without the token deletes nothing.
        owner.request().formParam("tag", "keep").post(tab + "/delete").then().statusCode(403);
        assertEquals(Set.of("c", "keep"), tags(me, name));
    }

    private static Map<String, String> with(Map<String, String> form, String key, String value) {
        Map<String, String> copy = new HashMap<>(form);
        copy.put(key, value);
        return copy;
    }
}
