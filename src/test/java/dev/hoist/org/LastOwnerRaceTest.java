package dev.hoist.org;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.Organization;
import dev.hoist.model.Team;
import dev.hoist.support.FormBurst;
import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two owners who remove each other at the same moment: one of them stays. The rule "an
 * organization needs at least one owner" used to be checked in the JVM before the removal, so
 * both removals passed the check and the organization was left with nobody to manage it.
 */
@QuarkusTest
class LastOwnerRaceTest {

    @Test
    void twoOwnersRemovingEachOtherAtOnceLeaveOneOwner() {
        for (int round = 0; round < 8; round++) {
            String a = Visitor.uniqueName("owa");
            String b = Visitor.uniqueName("owb");
            Visitor first = People.verified(a);
            Visitor second = People.verified(b);
            String org = Visitor.uniqueName("race");
            first.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
            first.submit("/orgs/" + org + "/teams/owners", "/orgs/" + org + "/teams/owners/members", Map.of("username", b))
                    .then().statusCode(303);

            List<FormBurst.Answer> answers = FormBurst.postEach(List.of(first, second), "/orgs/" + org + "/members",
                    "/orgs/" + org + "/members/remove", List.of(Map.of("username", b), Map.of("username", a)));

            assertEquals(1, owners(org), "round " + round + ": " + answers.stream().map(FormBurst.Answer::status).toList());
            assertTrue(answers.stream().anyMatch(x -> x.status() == 303), "one removal went through");
        }
    }

    private static long owners(String org) {
        return QuarkusTransaction.requiringNew().call(() -> (long) Team.findByName(Organization.findByName(org).orElseThrow(),
                Team.OWNERS).orElseThrow().members.size());
    }
}
