package dev.hoist.repo;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoist.model.Repo;
import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RepoPagesTest {

    private static Response create(Visitor owner, String namespace, String name, String visibility, String description,
            String readme) {
        Map<String, String> form = new HashMap<>();
        form.put("namespace", namespace);
        form.put("name", name);
        form.put("visibility", visibility);
        form.put("description", description);
        form.put("readme", readme);
        return owner.submit("/repository/create", "/repository/create", form);
    }

    @Test
    void aVerifiedUserCreatesARepositoryAndSeesItsPage() {
        String me = Visitor.uniqueName("own");
        Visitor owner = People.verified(me);

        Response created = create(owner, me, "web-api", "public", "The web API", "# Web API\n\n| a | b |\n|---|---|\n| 1 | 2 |");

        assertEquals(303, created.statusCode());
        new Visitor().get("/r/" + me + "/web-api").then().statusCode(200)
                .body(containsString("The web API"))
                .body(containsString("docker pull localhost:"))
                .body(containsString("/" + me + "/web-api\""))
                .body(containsString("<h1 id=\"web-api\">Web API</h1>"))
                .body(containsString("<td>1</td>"));
        new Visitor().get("/r/" + me + "/web-api/tags").then().statusCode(200).body(containsString("No tags yet"));
        new Visitor().get("/u/" + me).then().statusCode(200).body(containsString(me + "/web-api"));
    }

    @Test
    void repositoryNamesFollowTheRules() {
        String me = Visitor.uniqueName("nm");
        Visitor owner = People.verified(me);
        Map<String, String> cases = Map.of(
                "a", "Use 2 to 255 characters.",
                "Web", "Use only lowercase letters, digits, - and _.",
                "web.api", "Use only lowercase letters, digits, - and _.",
                "-web", "Start and end with a letter or digit",
                "web_", "Start and end with a letter or digit",
                "a".repeat(256), "Use 2 to 255 characters.");
        cases.forEach((name, message) -> create(owner, me, name, "public", "", "").then().statusCode(400)
                .body(containsString("id=\"name-error\">" + message)));

        create(owner, me, "taken", "public", "", "").then().statusCode(303);
        create(owner, me, "taken", "public", "", "").then().statusCode(400)
                .body(containsString("A repository " + me + "/taken already exists."));
        create(owner, me, "long-desc", "public", "x".repeat(101), "").then().statusCode(400)
                .body(containsString("id=\"description-error\">Use at most 100 characters."));
    }

    @Test
    void onlyVerifiedUsersCreateAndOnlyInTheirOwnNamespace() {
        String unverified = Visitor.uniqueName("unv");
        create(Visitor.signedUp(unverified), unverified, "nope", "public", "", "").then().statusCode(400)
                .body(containsString("Choose a namespace where you may create repositories."));

        String me = Visitor.uniqueName("me");
        String other = Visitor.uniqueName("other");
        Visitor.signedUp(other);
        create(People.verified(me), other, "intrude", "public", "", "").then().statusCode(400)
                .body(containsString("Choose a namespace where you may create repositories."));
        create(People.verified(Visitor.uniqueName("lib")), "library", "fake", "public", "", "").then().statusCode(400);
    }

    @Test
    void thePlanLimitsPrivateRepositories() {
        String me = Visitor.uniqueName("plan");
        Visitor owner = People.verified(me);
        create(owner, me, "first", "private", "", "").then().statusCode(303);

        create(owner, me, "second", "private", "", "").then().statusCode(400)
                .body(containsString("The plan of " + me + " allows 1 private repository, and it has reached that limit."));

        create(owner, me, "open", "public", "", "").then().statusCode(303);
        owner.submit("/r/" + me + "/open/settings", "/r/" + me + "/open/settings/visibility", Map.of("visibility", "private"))
                .then().statusCode(400).body(containsString("allows 1 private repository"));
    }

    @Test
    void aPrivateRepositoryIsNotFoundForOutsidersEverywhere() {
        String me = Visitor.uniqueName("priv");
        Visitor owner = People.verified(me);
        create(owner, me, "secret", "private", "Top secret", "").then().statusCode(303);
        Visitor outsider = People.verified(Visitor.uniqueName("out"));
        String base = "/r/" + me + "/secret";

        for (Visitor who : new Visitor[] { new Visitor(), outsider }) {
            who.get(base).then().statusCode(404).body(not(containsString("Top secret")));
            who.get(base + "/tags").then().statusCode(404);
            who.get(base + "/settings").then().statusCode(404);
            who.get("/u/" + me).then().statusCode(200).body(not(containsString("secret")));
        }
        // The same answer as for a repository that does not exist.
        String missing = outsider.get("/r/" + me + "/no-such-repo").asString();
        assertEquals(missing.replace("no-such-repo", ""), outsider.get(base).asString().replace("secret", ""));
        outsider.submit("/", base + "/star", Map.of()).then().statusCode(404);
        owner.get(base).then().statusCode(200).body(containsString("Private"));
    }

    @Test
    void starringIsIdempotentAndCounted() {
        String me = Visitor.uniqueName("star");
        Visitor owner = People.verified(me);
        create(owner, me, "shiny", "public", "", "").then().statusCode(303);
        Visitor fan = Visitor.signedUp(Visitor.uniqueName("fan"));
        String base = "/r/" + me + "/shiny";

        fan.submit(base, base + "/star", Map.of()).then().statusCode(303);
        fan.submit(base, base + "/star", Map.of()).then().statusCode(303);
        assertEquals(1, starCount(me, "shiny"));
        owner.submit(base, base + "/star", Map.of()).then().statusCode(303);
        assertEquals(2, starCount(me, "shiny"));
        fan.get(base).then().body(containsString("Unstar"));

        fan.submit(base, base + "/unstar", Map.of()).then().statusCode(303);
        fan.submit(base, base + "/unstar", Map.of()).then().statusCode(303);
        assertEquals(1, starCount(me, "shiny"));
        new Visitor().post(base + "/star", Map.of()).then().statusCode(403);
    }

    @Test
    void settingsEditDescriptionsWithAPreviewAndDeleteAfterTypingTheName() {
        String me = Visitor.uniqueName("set");
        Visitor owner = People.verified(me);
        create(owner, me, "tool", "public", "old", "old readme").then().statusCode(303);
        String base = "/r/" + me + "/tool/settings";

        owner.submit(base, base + "/description", Map.of("description", "new", "readme", "**bold**", "action", "preview"))
                .then().statusCode(200).body(containsString("<strong>bold</strong>"));
        new Visitor().get("/r/" + me + "/tool").then().body(containsString("old readme"));
        owner.submit(base, base + "/description", Map.of("description", "new", "readme", "**bold**", "action", "save"))
                .then().statusCode(303);
        new Visitor().get("/r/" + me + "/tool").then().body(containsString("<strong>bold</strong>"));

        owner.submit(base, base + "/delete", Map.of("confirm", "tool")).then().statusCode(400)
                .body(containsString("Type " + me + "/tool to confirm."));
        owner.submit(base, base + "/delete", Map.of("confirm", me + "/tool")).then().statusCode(303);
        new Visitor().get("/r/" + me + "/tool").then().statusCode(404);
    }

    @Test
    void collaboratorsPushButCannotAddOthers() {
        String me = Visitor.uniqueName("col");
        Visitor owner = People.verified(me);
        create(owner, me, "shared", "private", "", "").then().statusCode(303);
        String helper = Visitor.uniqueName("help");
        Visitor helperVisitor = People.verified(helper);
        String settings = "/r/" + me + "/shared/settings";

        owner.submit(settings, settings + "/collaborators", Map.of("username", "nosuchuser1")).then().statusCode(400)
                .body(containsString("There is no user nosuchuser1."));
        owner.submit(settings, settings + "/collaborators", Map.of("username", helper)).then().statusCode(303);
        owner.get(settings).then().body(containsString(">" + helper + "</a>"));

        helperVisitor.get("/r/" + me + "/shared").then().statusCode(200);
        helperVisitor.get(settings).then().statusCode(403);
        helperVisitor.submit("/settings", settings + "/collaborators", Map.of("username", Visitor.uniqueName("x")))
                .then().statusCode(403);

        owner.submit(settings, settings + "/collaborators/remove", Map.of("username", helper)).then().statusCode(303);
        helperVisitor.get("/r/" + me + "/shared").then().statusCode(404);
    }

    @Test
    void officialImagesLiveUnderTheUnderscorePath() {
        Visitor admin = People.siteAdmin();
        create(admin, "library", "postgres", "public", "The PostgreSQL database", "").then().statusCode(303);

        new Visitor().get("/_/postgres").then().statusCode(200)
                .body(containsString("Official image"))
                .body(containsString("docker pull localhost:"))
                .body(containsString("/postgres\""));
    }

    private static int starCount(String namespace, String name) {
        return QuarkusTransaction.requiringNew().call(() -> Repo.byName(namespace, name).orElseThrow().starCount);
    }
}
