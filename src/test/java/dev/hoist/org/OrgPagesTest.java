package dev.hoist.org;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OrgPagesTest {

    private static String newOrg(Visitor owner) {
        String org = Visitor.uniqueName("org");
        owner.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        return org;
    }

    @Test
    void orgNamesShareTheUserNameSpaceAndRules() {
        String alice = Visitor.uniqueName("alice");
        Visitor owner = People.verified(alice);
        owner.submit("/orgs/new", "/orgs/new", Map.of("name", alice)).then().statusCode(400)
                .body(containsString("This name is already taken."));
        owner.submit("/orgs/new", "/orgs/new", Map.of("name", "Bad-Name")).then().statusCode(400)
                .body(containsString("Use only lowercase letters (a-z) and digits (0-9)."));
        String org = newOrg(owner);
        new Visitor().submit("/signup", "/signup", Map.of("username", org, "email", org + "@example.test", "password", "password123"))
                .then().statusCode(400).body(containsString("This username is already taken."));
        String unverified = Visitor.uniqueName("unv");
        Visitor.signedUp(unverified).submit("/orgs/new", "/orgs/new", Map.of("name", Visitor.uniqueName("x")))
                .then().statusCode(400).body(containsString("Verify your email address"));
    }

    @Test
    void theCreatorIsTheOwnerAndTheLastOwnerCannotLeave() {
        String alice = Visitor.uniqueName("alice");
        Visitor owner = People.verified(alice);
        String org = newOrg(owner);
        String owners = "/orgs/" + org + "/teams/owners";

        owner.get(owners).then().statusCode(200).body(containsString(">" + alice + "</a>"));
        owner.submit(owners, owners + "/members/remove", Map.of("username", alice)).then().statusCode(400)
                .body(containsString("An organization needs at least one owner."));
        owner.submit("/orgs/" + org + "/members", "/orgs/" + org + "/members/remove", Map.of("username", alice))
                .then().statusCode(400).body(containsString("An organization needs at least one owner."));
        owner.submit(owners, owners + "/delete", Map.of()).then().statusCode(400)
                .body(containsString("The owners team cannot be deleted."));

        String bob = Visitor.uniqueName("bob");
        People.verified(bob);
        owner.submit(owners, owners + "/members", Map.of("username", bob)).then().statusCode(303);
        owner.submit(owners, owners + "/members/remove", Map.of("username", alice)).then().statusCode(303);
    }

    @Test
    void membersSeeOnlyTheirTeamsAndOutsidersSeeNone() {
        Visitor owner = People.verified(Visitor.uniqueName("own"));
        String org = newOrg(owner);
        String teams = "/orgs/" + org + "/teams";
        owner.submit(teams, teams, Map.of("name", "backend", "description", "Server people")).then().statusCode(303);
        owner.submit(teams, teams, Map.of("name", "qa", "description", "Testers")).then().statusCode(303);
        String bob = Visitor.uniqueName("bob");
        Visitor member = People.verified(bob);
        owner.submit(teams + "/backend", teams + "/backend/members", Map.of("username", bob)).then().statusCode(303);

        member.get(teams).then().statusCode(200).body(containsString("backend")).body(not(containsString(">qa<")));
        member.get(teams + "/qa").then().statusCode(404);
        member.get(teams + "/backend").then().statusCode(200).body(not(containsString("Add member")));
        owner.get(teams).then().body(containsString(">qa<")).body(containsString(">owners<"));

        Visitor outsider = People.verified(Visitor.uniqueName("out"));
        outsider.get(teams).then().statusCode(404);
        outsider.get("/orgs/" + org + "/members").then().statusCode(404);
        outsider.get("/orgs/" + org).then().statusCode(200).body(not(containsString("backend")));
        // A member cannot change anything, whatever the page showed.
        member.submit(teams + "/backend", teams + "/backend/members", Map.of("username", bob)).then().statusCode(403);
    }

    @Test
    void teamsAreCreatedRenamedDescribedAndDeleted() {
        Visitor owner = People.verified(Visitor.uniqueName("own"));
        String org = newOrg(owner);
        String teams = "/orgs/" + org + "/teams";

        owner.submit(teams, teams, Map.of("name", "B", "description", "")).then().statusCode(400)
                .body(containsString("Use 2 to 30 lowercase letters"));
        owner.submit(teams, teams, Map.of("name", "backend", "description", "")).then().statusCode(303);
        owner.submit(teams, teams, Map.of("name", "backend", "description", "")).then().statusCode(400)
                .body(containsString("already has a team backend"));
        owner.submit(teams + "/backend", teams + "/backend/edit", Map.of("name", "platform", "description", "Runs it all"))
                .then().statusCode(303);
        owner.get(teams + "/platform").then().statusCode(200).body(containsString("Runs it all"));
        owner.submit(teams + "/owners", teams + "/owners/edit", Map.of("name", "bosses", "description", ""))
                .then().statusCode(400).body(containsString("The owners team cannot be renamed."));
        owner.submit(teams + "/platform", teams + "/platform/delete", Map.of()).then().statusCode(303);
        owner.get(teams + "/platform").then().statusCode(404);
    }

    @Test
    void aSiteAdministratorMarksAVerifiedPublisher() {
        Visitor owner = People.verified(Visitor.uniqueName("pub"));
        String org = newOrg(owner);
        owner.submit("/repository/create?namespace=" + org, "/repository/create",
                Map.of("namespace", org, "name", "tool", "visibility", "public")).then().statusCode(303);
        String page = "/orgs/" + org;

        owner.get(page).then().body(not(containsString("Mark as verified publisher")));
        owner.submit("/settings", page + "/verified-publisher", Map.of("verified", "true")).then().statusCode(403);

        Visitor admin = People.siteAdmin();
        admin.submit(page, page + "/verified-publisher", Map.of("verified", "true")).then().statusCode(303);
        new Visitor().get(page).then().body(containsString("Verified publisher"));
        new Visitor().get("/r/" + org + "/tool").then().body(containsString("Verified publisher"));
        admin.submit(page, page + "/verified-publisher", Map.of("verified", "false")).then().statusCode(303);
        new Visitor().get("/r/" + org + "/tool").then().body(not(containsString("Verified publisher")));
    }

    @Test
    void teamsGivenTheRightCreateRepositoriesAndOthersDoNot() {
        Visitor owner = People.verified(Visitor.uniqueName("own"));
        String org = newOrg(owner);
        String teams = "/orgs/" + org + "/teams";
        owner.submit(teams, teams, Map.of("name", "builders", "description", "", "canCreate", "on")).then().statusCode(303);
        owner.submit(teams, teams, Map.of("name", "viewers", "description", "")).then().statusCode(303);
        String builder = Visitor.uniqueName("bld");
        String viewer = Visitor.uniqueName("vw");
        Visitor builderVisitor = People.verified(builder);
        Visitor viewerVisitor = People.verified(viewer);
        owner.submit(teams + "/builders", teams + "/builders/members", Map.of("username", builder)).then().statusCode(303);
        owner.submit(teams + "/viewers", teams + "/viewers/members", Map.of("username", viewer)).then().statusCode(303);

        builderVisitor.get("/repository/create").then().body(containsString("<option value=\"" + org + "\""));
        builderVisitor.submit("/repository/create", "/repository/create",
                Map.of("namespace", org, "name", "made-by-team", "visibility", "public")).then().statusCode(303);
        viewerVisitor.get("/repository/create").then().body(not(containsString("<option value=\"" + org + "\"")));
        viewerVisitor.submit("/repository/create", "/repository/create",
                Map.of("namespace", org, "name", "not-allowed", "visibility", "public")).then().statusCode(400)
                .body(containsString("Choose a namespace where you may create repositories."));
    }
}
