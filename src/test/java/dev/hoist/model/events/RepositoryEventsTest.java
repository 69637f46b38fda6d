package dev.hoist.model.events;

import static io.restassured.RestAssured.given;

import dev.hoist.model.events.RepositoryUpdated.Change;
import dev.hoist.support.People;
import dev.hoist.support.RecordedEvents;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Repositories, their settings, stars and collaborators: each change a user makes fires one event; refusals none. */
@QuarkusTest
class RepositoryEventsTest {

    @Inject
    RecordedEvents recorded;

    @Test
    void creatingOnThePageAndByAFirstPushFiresRepositoryCreated() {
        String me = People.newVerified("evrep");
        Visitor owner = signIn(me);
        EventLog log = EventLog.watching(recorded, me);

        Repos.create(owner, me, "app", true, "An app", "");
        log.expect(new RepositoryCreated(null, me, me + "/app", true, false));

        owner.submit("/repository/create", "/repository/create", Map.of("namespace", me, "name", "Bad Name", "visibility", "public"))
                .then().statusCode(400);
        log.expectNone();

        String token = given().auth().preemptive().basic(me, "password123").header("X-Forwarded-For", "10.71.0.1")
                .queryParam("service", "hoist").queryParam("scope", "repository:" + me + "/pushed:pull,push")
                .get("/token").then().statusCode(200).extract().path("token");
        given().header("Authorization", "Bearer " + token).post("/v2/" + me + "/pushed/blobs/uploads/")
                .then().statusCode(202);
        log.expect(new SignInSucceeded(null, me, SignInMethod.PASSWORD),
                new RepositoryCreated(null, me, me + "/pushed", false, true));
    }

    @Test
    void changingVisibilityDescriptionOrReadmeFiresRepositoryUpdatedWithWhatChanged() {
        String me = People.newVerified("evupd");
        Visitor owner = signIn(me);
        Repos.create(owner, me, "app", false, "First", "# First");
        String settings = "/r/" + me + "/app/settings";
        EventLog log = EventLog.watching(recorded, me);

        owner.submit(settings, settings + "/visibility", Map.of("visibility", "private")).then().statusCode(303);
        log.expect(new RepositoryUpdated(null, me, me + "/app", Set.of(Change.VISIBILITY), true));
        owner.submit(settings, settings + "/visibility", Map.of("visibility", "private")).then().statusCode(303);
        log.expectNone();

        owner.submit(settings, settings + "/description", Map.of("description", "Second", "readme", "# First"))
                .then().statusCode(303);
        log.expect(new RepositoryUpdated(null, me, me + "/app", Set.of(Change.DESCRIPTION), true));
        owner.submit(settings, settings + "/description", Map.of("description", "Second", "readme", "# Second"))
                .then().statusCode(303);
        log.expect(new RepositoryUpdated(null, me, me + "/app", Set.of(Change.README), true));
        owner.submit(settings, settings + "/description", Map.of("description", "Third", "readme", "# Third"))
                .then().statusCode(303);
        log.expect(new RepositoryUpdated(null, me, me + "/app", Set.of(Change.DESCRIPTION, Change.README), true));

        // Someone without Admin on the repository is refused, and nothing is heard of it.
        Visitor stranger = Visitor.signedUp(Visitor.uniqueName("evstr"));
        stranger.submit("/settings", settings + "/visibility", Map.of("visibility", "public")).then().statusCode(404);
        owner.submit(settings, settings + "/description", Map.of("description", "x".repeat(101), "readme", ""))
                .then().statusCode(400);
        log.expectNone();
    }

    @Test
    void deletingFiresRepositoryDeletedOnlyOnceConfirmed() {
        String me = People.newVerified("evdel");
        Visitor owner = signIn(me);
        Repos.create(owner, me, "app", false, "", "");
        String settings = "/r/" + me + "/app/settings";
        EventLog log = EventLog.watching(recorded, me);

        owner.submit(settings, settings + "/delete", Map.of("confirm", "app")).then().statusCode(400);
        log.expectNone();
        owner.submit(settings, settings + "/delete", Map.of("confirm", me + "/app")).then().statusCode(303);
        log.expect(new RepositoryDeleted(null, me, me + "/app"));
    }

    @Test
    void starringAndUnstarringFireOnlyWhenTheStarChanges() {
        String me = People.newVerified("evstarown");
        Repos.create(signIn(me), me, "app", false, "", "");
        String fanName = Visitor.uniqueName("evfan");
        Visitor fan = Visitor.signedUp(fanName);
        String page = "/r/" + me + "/app";
        EventLog log = EventLog.watching(recorded, me, fanName);

        fan.submit(page, page + "/star", Map.of()).then().statusCode(303);
        log.expect(new StarAdded(null, fanName, me + "/app"));
        fan.submit(page, page + "/star", Map.of()).then().statusCode(303);
        log.expectNone();
        fan.submit(page, page + "/unstar", Map.of()).then().statusCode(303);
        log.expect(new StarRemoved(null, fanName, me + "/app"));
        fan.submit(page, page + "/unstar", Map.of()).then().statusCode(303);
        log.expectNone();
    }

    @Test
    void addingAndRemovingCollaboratorsFireOnlyForTheOwnersChanges() {
        String me = People.newVerified("evcolown");
        Visitor owner = signIn(me);
        Repos.create(owner, me, "app", true, "", "");
        String bobName = Visitor.uniqueName("evbob");
        Visitor bob = Visitor.signedUp(bobName);
        String settings = "/r/" + me + "/app/settings";
        EventLog log = EventLog.watching(recorded, me, bobName);

        owner.submit(settings, settings + "/collaborators", Map.of("username", bobName)).then().statusCode(303);
        log.expect(new CollaboratorAdded(null, me, me + "/app", bobName));
        owner.submit(settings, settings + "/collaborators", Map.of("username", bobName)).then().statusCode(303);
        owner.submit(settings, settings + "/collaborators", Map.of("username", bobName + "x")).then().statusCode(400);
        // A collaborator has Write, not Admin: they may not add anyone.
        bob.submit("/settings", settings + "/collaborators", Map.of("username", me)).then().statusCode(403);
        log.expectNone();

        owner.submit(settings, settings + "/collaborators/remove", Map.of("username", bobName)).then().statusCode(303);
        log.expect(new CollaboratorRemoved(null, me, me + "/app", bobName));
        owner.submit(settings, settings + "/collaborators/remove", Map.of("username", bobName)).then().statusCode(303);
        log.expectNone();
    }

    /** A fresh session of {@code username}, so that the sign-up's own events are behind us. */
    private static Visitor signIn(String username) {
        Visitor visitor = new Visitor();
        visitor.submit("/login", "/login", Map.of("username", username, "password", "password123")).then().statusCode(303);
        return visitor;
    }
}
