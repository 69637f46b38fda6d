package dev.hoist.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.Account;
import dev.hoist.model.Namespace;
import dev.hoist.model.Repo;
import dev.hoist.support.People;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A signed-in reader's results are the shared public ones plus their own private matches, kept
 * per reader until something changes who may read what: then the very next search, on the page,
 * in the suggestions and through /v1/search, reflects it.
 */
@QuarkusTest
class SearchReadersTest {

    @Inject
    SearchService search;

    /** Someone signed in, searching every way there is; each search made twice, so the second could come from a cache. */
    record Reader(String name, Visitor visitor) {

        static Reader of(String name) {
            return new Reader(name, People.verified(name));
        }

        void finds(String fullName, boolean expected) {
            for (int i = 0; i < 2; i++) {
                String word = fullName.substring(fullName.indexOf('/') + 1);
                assertEquals(expected, visitor.get("/search?q=" + word).then().statusCode(200).extract().asString()
                        .contains(">" + fullName + "<"), name + " on the page finds " + fullName);
                assertEquals(expected, visitor.get("/search/suggest?q=" + word).then().statusCode(200).extract()
                        .asString().contains("\"" + fullName + "\""), name + " is offered " + fullName);
                assertEquals(expected, new Visitor().request().auth().preemptive().basic(name, "password123")
                        .get("/v1/search?q=" + word).then().statusCode(200).extract().asString()
                        .contains("\"" + fullName + "\""), name + " through /v1/search finds " + fullName);
            }
        }
    }

    @Test
    void aCollaboratorRemovedStopsFindingThePrivateRepositoryAtOnce() {
        String owner = Visitor.uniqueName("ro");
        Visitor ownerVisitor = People.verified(owner);
        String word = Visitor.uniqueName("rw");
        Repos.create(ownerVisitor, owner, word + "-secret", true, "", "");
        Repos.create(ownerVisitor, owner, word + "-open", false, "", "");
        Reader reader = Reader.of(Visitor.uniqueName("rc"));
        Reader outsider = Reader.of(Visitor.uniqueName("rx"));
        String settings = "/r/" + owner + "/" + word + "-secret/settings";

        reader.finds(owner + "/" + word + "-secret", false);
        ownerVisitor.submit(settings, settings + "/collaborators", Map.of("username", reader.name())).then().statusCode(303);
        reader.finds(owner + "/" + word + "-secret", true);
        outsider.finds(owner + "/" + word + "-secret", false);

        ownerVisitor.submit(settings, settings + "/collaborators/remove", Map.of("username", reader.name()))
                .then().statusCode(303);
        reader.finds(owner + "/" + word + "-secret", false);
        reader.finds(owner + "/" + word + "-open", true);

        // Added back, then the repository deleted.
        ownerVisitor.submit(settings, settings + "/collaborators", Map.of("username", reader.name())).then().statusCode(303);
        reader.finds(owner + "/" + word + "-secret", true);
        ownerVisitor.submit(settings, settings + "/delete", Map.of("confirm", owner + "/" + word + "-secret"))
                .then().statusCode(303);
        reader.finds(owner + "/" + word + "-secret", false);
    }

    @Test
    void teamGrantsAndMembershipTakeEffectAtOnce() {
        String orgOwnerName = Visitor.uniqueName("rq");
        Visitor orgOwner = People.verified(orgOwnerName);
        String org = Visitor.uniqueName("rorg");
        orgOwner.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        String word = Visitor.uniqueName("rt");
        Repos.create(orgOwner, org, word, true, "", "");
        String fullName = org + "/" + word;
        Reader member = Reader.of(Visitor.uniqueName("rm"));
        String teams = "/orgs/" + org + "/teams";
        orgOwner.submit(teams, teams, Map.of("name", "readers", "description", "")).then().statusCode(303);
        String team = teams + "/readers";
        orgOwner.submit(team, team + "/members", Map.of("username", member.name())).then().statusCode(303);
        member.finds(fullName, false);

        orgOwner.submit(team, team + "/permissions", Map.of("repository", word, "permission", "READ")).then().statusCode(303);
        member.finds(fullName, true);
        orgOwner.submit(team, team + "/permissions/remove", Map.of("repository", word)).then().statusCode(303);
        member.finds(fullName, false);

        orgOwner.submit(team, team + "/permissions", Map.of("repository", word, "permission", "READ")).then().statusCode(303);
        member.finds(fullName, true);
        orgOwner.submit(team, team + "/members/remove", Map.of("username", member.name())).then().statusCode(303);
        member.finds(fullName, false);

        // The owners team: every repository of the organization.
        String owners = teams + "/owners";
        orgOwner.submit(owners, owners + "/members", Map.of("username", member.name())).then().statusCode(303);
        member.finds(fullName, true);
        orgOwner.submit(owners, owners + "/members/remove", Map.of("username", member.name())).then().statusCode(303);
        member.finds(fullName, false);
    }

    @Test
    void aRepositoryMadePrivateLeavesASignedInOutsidersResultsAtOnce() {
        String owner = Visitor.uniqueName("rv");
        Visitor ownerVisitor = People.verified(owner);
        String word = Visitor.uniqueName("ry");
        Repos.create(ownerVisitor, owner, word, false, "", "");
        Reader outsider = Reader.of(Visitor.uniqueName("rz"));
        outsider.finds(owner + "/" + word, true);
        String settings = "/r/" + owner + "/" + word + "/settings";
        ownerVisitor.submit(settings, settings + "/visibility", Map.of("visibility", "private")).then().statusCode(303);
        outsider.finds(owner + "/" + word, false);
        new Reader(owner, ownerVisitor).finds(owner + "/" + word, true);
    }

    /** What one query over everything the reader may read gives, every order and page, as the merge must. */
    @Test
    void aReadersResultsAreRankedAsOneQueryOverEverythingWouldRankThem() {
        String word = Visitor.uniqueName("rk");
        String reader = People.newVerified("rr");
        String other = People.newVerified("rp");
        Repos.createMany(other, word + "-pub", 12);
        Repos.createMany(reader, word + "-own", 9);
        QuarkusTransaction.requiringNew().run(() -> {
            int i = 0;
            for (Repo repo : Repo.<Repo>list("namespace", Namespace.findActive(reader).orElseThrow())) {
                repo.isPrivate = i % 3 != 0;
                repo.starCount = (i * 7) % 5;
                repo.pullCount = i * 13L;
                i++;
            }
            i = 0;
            for (Repo repo : Repo.<Repo>list("namespace", Namespace.findActive(other).orElseThrow())) {
                repo.starCount = (i * 3) % 5;
                repo.pullCount = i * 11L % 40;
                i++;
            }
        });
        String third = Visitor.uniqueName("rl");
        Repos.create(People.verified(third), third, word, false, "", "");
        int pagesSeen = 0;
        for (Sort sort : Sort.values()) {
            for (String text : List.of(word, word + " own", word.substring(0, word.length() - 1))) {
                for (int page = 1; page <= 6; page++) {
                    SearchQuery query = new SearchQuery(text, false, false, "", sort, page, 4);
                    Results merged = QuarkusTransaction.requiringNew().call(() -> search.search(account(reader), query));
                    Results direct = QuarkusTransaction.requiringNew().call(() -> search.directly(account(reader), query));
                    assertEquals(direct.hits().stream().map(Hit::fullName).toList(),
                            merged.hits().stream().map(Hit::fullName).toList(), text + ", " + sort + ", page " + page);
                    assertEquals(direct.total(), merged.total(), text + ", " + sort + ": total");
                    pagesSeen += merged.hits().stream().anyMatch(Hit::isPrivate) ? 1 : 0;
                }
            }
        }
        assertTrue(pagesSeen > 10, "private repositories were merged into " + pagesSeen + " pages");
    }

    private static Account account(String name) {
        return Account.findByUsername(name).orElseThrow();
    }
}
