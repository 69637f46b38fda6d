package dev.hoist.org;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a team's page says when there is nothing to grant, or the member is in the team already. */
@QuarkusTest
class TeamMessagesTest {

    @Test
    void givingPermissionWithNoRepositoryYetSaysSo() {
        Visitor owner = People.verified(Visitor.uniqueName("tmown"));
        String org = Visitor.uniqueName("tmorg");
        owner.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        String teams = "/orgs/" + org + "/teams";
        owner.submit(teams, teams, Map.of("name", "devs", "description", "")).then().statusCode(303);
        String team = teams + "/devs";

        owner.get(team).then().statusCode(200).body(containsString(org + " has no repositories yet."))
                .body(not(containsString("Give permission")));
        // What the old form sent: a permission and no repository at all.
        Map<String, String> noRepository = new HashMap<>();
        noRepository.put("permission", "READ");
        owner.submit(team, team + "/permissions", noRepository).then().statusCode(400)
                .body(containsString(org + " has no repositories yet: create one first."))
                .body(not(containsString("/null")));
    }

    @Test
    void addingSomeoneAlreadyInTheTeamChangesNothing() {
        Visitor owner = People.verified(Visitor.uniqueName("tmown"));
        String org = Visitor.uniqueName("tmorg");
        owner.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        String teams = "/orgs/" + org + "/teams";
        owner.submit(teams, teams, Map.of("name", "devs", "description", "")).then().statusCode(303);
        String team = teams + "/devs";
        String bobby = People.newVerified("bobby");

        owner.submit(team, team + "/members", Map.of("username", bobby)).then().statusCode(303);
        owner.get(team).then().body(containsString(bobby + " joined the team."));
        owner.submit(team, team + "/members", Map.of("username", bobby)).then().statusCode(303);
        owner.get(team).then().body(containsString(bobby + " is already a member."))
                .body(not(containsString(bobby + " joined the team.")));
    }
}
