package dev.hoist.model.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoist.support.FormBurst;
import dev.hoist.support.People;
import dev.hoist.support.RecordedEvents;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Organizations, teams, their members and their permissions: each change an owner makes fires its event; refusals none. */
@QuarkusTest
class OrgEventsTest {

    @Inject
    RecordedEvents recorded;

    @Test
    void foundingAnOrganizationFiresOrganizationCreatedAndTheFirstOwner() {
        String me = People.newVerified("evorgown");
        Visitor owner = signIn(me);
        String org = Visitor.uniqueName("evorg");
        String unverifiedName = Visitor.uniqueName("evunver");
        Visitor unverified = Visitor.signedUp(unverifiedName);
        EventLog log = EventLog.watching(recorded, me, org, unverifiedName);

        unverified.submit("/orgs/new", "/orgs/new", Map.of("name", Visitor.uniqueName("evnot"))).then().statusCode(400);
        owner.submit("/orgs/new", "/orgs/new", Map.of("name", "Bad-Name")).then().statusCode(400);
        log.expectNone();

        owner.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        log.expect(new OrganizationCreated(null, me, org), new MemberAdded(null, me, org, "owners", me));
    }

    @Test
    void creatingRenamingAndDeletingTeamsFireTheirEventsForOwnersOnly() {
        String me = People.newVerified("evteamown");
        String org = organization(me);
        Visitor owner = signIn(me);
        String strangerName = People.newVerified("evteamstr");
        Visitor stranger = signIn(strangerName);
        String teams = "/orgs/" + org + "/teams";
        EventLog log = EventLog.watching(recorded, me, org, strangerName);

        stranger.submit("/settings", teams, Map.of("name", "devs", "description", "")).then().statusCode(404);
        owner.submit(teams, teams, Map.of("name", "owners", "description", "")).then().statusCode(400);
        log.expectNone();

        owner.submit(teams, teams, Map.of("name", "devs", "description", "")).then().statusCode(303);
        log.expect(new TeamCreated(null, me, org, "devs"));

        owner.submit(teams + "/devs", teams + "/devs/edit", Map.of("name", "devs", "description", "Developers"))
                .then().statusCode(303);
        log.expectNone();
        owner.submit(teams + "/devs", teams + "/devs/edit", Map.of("name", "builders", "description", "Developers"))
                .then().statusCode(303);
        log.expect(new TeamRenamed(null, me, org, "devs", "builders"));

        owner.submit(teams + "/owners", teams + "/owners/delete", Map.of()).then().statusCode(400);
        stranger.submit("/settings", teams + "/builders/delete", Map.of()).then().statusCode(404);
        log.expectNone();
        owner.submit(teams + "/builders", teams + "/builders/delete", Map.of()).then().statusCode(303);
        log.expect(new TeamDeleted(null, me, org, "builders"));
    }

    @Test
    void addingAndRemovingMembersFiresOneEventATeam() {
        String me = People.newVerified("evmemown");
        String org = organization(me);
        Visitor owner = signIn(me);
        String bob = People.newVerified("evmembob");
        String teams = "/orgs/" + org + "/teams";
        owner.submit(teams, teams, Map.of("name", "devs", "description", "")).then().statusCode(303);
        String devs = teams + "/devs";
        EventLog log = EventLog.watching(recorded, me, org, bob);

        owner.submit(devs, devs + "/members", Map.of("username", bob)).then().statusCode(303);
        log.expect(new MemberAdded(null, me, org, "devs", bob));
        owner.submit(devs, devs + "/members", Map.of("username", bob)).then().statusCode(303);
        owner.submit(devs, devs + "/members", Map.of("username", bob + "x")).then().statusCode(400);
        // The last owner stays.
        owner.submit(teams + "/owners", teams + "/owners/members/remove", Map.of("username", me)).then().statusCode(400);
        log.expectNone();

        owner.submit(devs, devs + "/members/remove", Map.of("username", bob)).then().statusCode(303);
        log.expect(new MemberRemoved(null, me, org, "devs", bob));

        // Out of the whole organization: one event for each team they were in.
        owner.submit(devs, devs + "/members", Map.of("username", bob)).then().statusCode(303);
        owner.submit(teams + "/owners", teams + "/owners/members", Map.of("username", bob)).then().statusCode(303);
        log.mark();
        String members = "/orgs/" + org + "/members";
        owner.submit(members, members + "/remove", Map.of("username", bob)).then().statusCode(303);
        log.expect(new MemberRemoved(null, me, org, "owners", bob), new MemberRemoved(null, me, org, "devs", bob));
    }

    @Test
    void aBurstOfRevokesOfOnePermissionRevokesItOnceAndFailsNone() {
        String me = People.newVerified("evpermburst");
        String org = organization(me);
        Visitor owner = signIn(me);
        String teams = "/orgs/" + org + "/teams";
        owner.submit(teams, teams, Map.of("name", "devs", "description", "")).then().statusCode(303);
        Repos.create(owner, org, "app", false, "", "");
        String devs = teams + "/devs";
        owner.submit(devs, devs + "/permissions", Map.of("repository", "app", "permission", "WRITE")).then().statusCode(303);
        EventLog log = EventLog.watching(recorded, me, org);

        List<FormBurst.Answer> answers = FormBurst.post(owner, "127.0.0.1", devs, devs + "/permissions/remove", 20,
                i -> Map.of("repository", "app"));

        assertEquals(List.of(303), answers.stream().map(FormBurst.Answer::status).distinct().toList());
        log.expect(new PermissionRevoked(null, me, org, "devs", org + "/app"));
    }

    @Test
    void grantingAndRevokingTeamPermissionsFireFromTheTeamPageAndTheRepositorySettings() {
        String me = People.newVerified("evpermown");
        String org = organization(me);
        Visitor owner = signIn(me);
        String teams = "/orgs/" + org + "/teams";
        owner.submit(teams, teams, Map.of("name", "devs", "description", "")).then().statusCode(303);
        Repos.create(owner, org, "app", false, "", "");
        String devs = teams + "/devs";
        String settings = "/r/" + org + "/app/settings";
        String strangerName = People.newVerified("evpermstr");
        Visitor stranger = signIn(strangerName);
        EventLog log = EventLog.watching(recorded, me, org, strangerName);

        owner.submit(devs, devs + "/permissions", Map.of("repository", "app", "permission", "WRITE")).then().statusCode(303);
        log.expect(new PermissionGranted(null, me, org, "devs", org + "/app", "WRITE"));
        owner.submit(devs, devs + "/permissions", Map.of("repository", "app", "permission", "WRITE")).then().statusCode(303);
        owner.submit(devs, devs + "/permissions", Map.of("repository", "app", "permission", "OWNER")).then().statusCode(400);
        stranger.submit("/settings", devs + "/permissions", Map.of("repository", "app", "permission", "ADMIN"))
                .then().statusCode(404);
        log.expectNone();

        owner.submit(settings, settings + "/teams", Map.of("team", "devs", "permission", "ADMIN")).then().statusCode(303);
        log.expect(new PermissionGranted(null, me, org, "devs", org + "/app", "ADMIN"));
        owner.submit(devs, devs + "/permissions/remove", Map.of("repository", "app")).then().statusCode(303);
        log.expect(new PermissionRevoked(null, me, org, "devs", org + "/app"));
        owner.submit(devs, devs + "/permissions/remove", Map.of("repository", "app")).then().statusCode(303);
        log.expectNone();

        owner.submit(settings, settings + "/teams", Map.of("team", "devs", "permission", "READ")).then().statusCode(303);
        log.expect(new PermissionGranted(null, me, org, "devs", org + "/app", "READ"));
        owner.submit(settings, settings + "/teams/remove", Map.of("team", "devs")).then().statusCode(303);
        log.expect(new PermissionRevoked(null, me, org, "devs", org + "/app"));
    }

    /** A new organization of {@code owner} (verified). */
    private static String organization(String owner) {
        String org = Visitor.uniqueName("evorg");
        signIn(owner).submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        return org;
    }

    private static Visitor signIn(String username) {
        Visitor visitor = new Visitor();
        visitor.submit("/login", "/login", Map.of("username", username, "password", "password123")).then().statusCode(303);
        return visitor;
    }
}
