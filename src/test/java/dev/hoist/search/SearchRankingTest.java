package dev.hoist.search;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.People;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Ranking, filters, sorts and pages on a small fixed set of repositories named after a word no
 * other test uses, so that other tests' data in the shared database changes nothing.
 */
@QuarkusTest
class SearchRankingTest {

    private static final Pattern RESULT = Pattern.compile("class=\"repo-name\" href=\"[^\"]*\">([^<]+)</a>");

    /** The people and repositories, made once. */
    record World(String word, String a, String b, String org, String pageWord) {
    }

    private static World world;

    @Inject
    SearchService search;

    private static synchronized World world() {
        if (world != null) {
            return world;
        }
        String word = Visitor.uniqueName("zq");
        String a = Visitor.uniqueName("ra");
        String b = Visitor.uniqueName("rb");
        String org = Visitor.uniqueName("ro");
        String pageWord = Visitor.uniqueName("pg");
        Visitor alice = People.verified(a);
        Visitor bob = People.verified(b);
        Visitor admin = People.siteAdmin();

        Repos.create(admin, "library", word, false, "The " + word + " database", "");
        Repos.create(alice, a, word, false, "", "");
        Repos.create(alice, a, word + "-backup", false, "", "");
        Repos.create(bob, b, word + "-backup", false, "", "");
        Repos.create(bob, b, "tools", false, "Backs up " + word + " databases every night", "");
        Repos.create(bob, b, "notes", false, "", "# Notes\n\nWe run " + word + " here.");
        Repos.create(bob, b, word + "-secret", true, "", "");
        alice.submit("/orgs/new", "/orgs/new", java.util.Map.of("name", org)).then().statusCode(303);
        Repos.create(alice, org, word + "-exporter", false, "", "");
        Repos.verifyPublisher(org);
        // The same name in another namespace is more popular than the official image: exactness still wins.
        Repos.popularity("library", word, 10, 1_000);
        Repos.popularity(a, word, 500, 1_000_000);
        Repos.popularity(a, word + "-backup", 50, 10);
        Repos.popularity(org, word + "-exporter", 5, 100_000);

        Repos.createMany(b, pageWord + "-p", 30);
        Repos.create(alice, a, pageWord + "-elsewhere", false, "", "");
        world = new World(word, a, b, org, pageWord);
        return world;
    }

    /**
     * On this small database the planner always reads the table, so pages never probe the
     * indexes first; a million repositories do (bench/search). Both orders must find the same.
     */
    @Test
    void probingTheIndexesFirstFindsWhatTheWindowFinds() {
        World w = world();
        for (String text : List.of(w.word(), w.word() + "-backup", "backup", w.word() + " databases", w.a() + "/" + w.word(),
                w.word().substring(0, 4), w.pageWord())) {
            for (Sort sort : Sort.values()) {
                for (int page = 1; page <= 2; page++) {
                    SearchQuery query = new SearchQuery(text, false, false, "", sort, page, 3);
                    Results windowFirst = QuarkusTransaction.requiringNew().call(() -> search.directly(null, query, false));
                    Results probeFirst = QuarkusTransaction.requiringNew().call(() -> search.directly(null, query, true));
                    assertEquals(windowFirst.hits().stream().map(Hit::fullName).toList(),
                            probeFirst.hits().stream().map(Hit::fullName).toList(), text + ", " + sort + ", page " + page);
                    assertEquals(windowFirst.total(), probeFirst.total(), text + ": total");
                }
            }
        }
        Results found = QuarkusTransaction.requiringNew().call(
                () -> search.directly(null, new SearchQuery(w.word(), false, false, "", Sort.BEST, 1, 25), true));
        assertTrue(found.total() >= 5, "the probe finds the word's repositories: " + found.total());
    }

    @Test
    void theExactImageComesFirstThenTheSameNameElsewhere() {
        World w = world();
        List<String> found = names("/search?q=" + w.word());
        assertEquals("library/" + w.word(), found.get(0), found.toString());
        assertEquals(w.a() + "/" + w.word(), found.get(1), found.toString());

        JsonPath docker = new Visitor().get("/v1/search?q=" + w.word()).then().statusCode(200).extract().jsonPath();
        assertEquals(w.word(), docker.getString("results[0].name"), "official images are named without library/");
        assertEquals(true, docker.getBoolean("results[0].is_official"));
        assertEquals(w.a() + "/" + w.word(), docker.getString("results[1].name"));
    }

    @Test
    void namesTextAndReadmesAllMatchAndPrivateOnesDoNot() {
        World w = world();
        List<String> found = names("/search?q=" + w.word());
        for (String expected : List.of(w.b() + "/tools", w.b() + "/notes", w.org() + "/" + w.word() + "-exporter")) {
            assertTrue(found.contains(expected), expected + " in " + found);
        }
        assertTrue(found.indexOf(w.b() + "/tools") < found.indexOf(w.b() + "/notes"),
                "a description outranks a README: " + found);
        assertTrue(!found.contains(w.b() + "/" + w.word() + "-secret"), found.toString());
    }

    @Test
    void typosAreCorrectedAndBeginningsFindTheImage() {
        World w = world();
        String word = w.word();
        String doubled = word + word.charAt(word.length() - 1);
        String changed = word.substring(0, 5) + (word.charAt(5) == 'x' ? 'y' : 'x') + word.substring(6);
        for (String typed : List.of(doubled, changed)) {
            String html = new Visitor().get("/search?q=" + typed).then().statusCode(200).extract().asString();
            assertTrue(html.contains("Nothing matches “" + typed + "”, so these are the results for “" + word + "”."), html);
            assertEquals("library/" + word, names(html).get(0), typed);
            assertEquals(word, new Visitor().get("/v1/search?q=" + typed).then().extract().path("results[0].name"));
        }
        List<String> begun = names("/search?q=" + word.substring(0, 6));
        assertTrue(begun.subList(0, 3).contains("library/" + word), begun.toString());
        for (String typed : List.of(word.substring(0, 6), doubled)) {
            String suggested = new Visitor().get("/search/suggest?q=" + typed).asString();
            assertTrue(suggested.contains("\"library/" + word + "\""), typed + ": " + suggested);
        }
        new Visitor().get("/search?q=qqqqzzzzxxxx").then().body(containsString("No repositories match"))
                .body(not(containsString("these are the results for")));
    }

    @Test
    void equallyRelevantRepositoriesAreOrderedByPopularity() {
        World w = world();
        List<String> found = names("/search?q=" + w.word());
        int popular = found.indexOf(w.a() + "/" + w.word() + "-backup");
        int unknown = found.indexOf(w.b() + "/" + w.word() + "-backup");
        assertTrue(popular >= 0 && unknown > popular, found.toString());
    }

    @Test
    void filtersKeepOnlyOfficialVerifiedOrOneNamespace() {
        World w = world();
        assertEquals(List.of("library/" + w.word()), names("/search?q=" + w.word() + "&official=true"));
        assertEquals(List.of(w.org() + "/" + w.word() + "-exporter"), names("/search?q=" + w.word() + "&verified=true"));
        List<String> inB = names("/search?q=" + w.word() + "&namespace=" + w.b());
        assertEquals(List.of(w.b() + "/" + w.word() + "-backup", w.b() + "/notes", w.b() + "/tools").stream().sorted().toList(),
                inB.stream().sorted().toList());
        assertEquals(List.of(), names("/search?q=" + w.word() + "&namespace=nosuchnamespace"));
        new Visitor().get("/search?q=" + w.word() + "&namespace=nosuchnamespace").then()
                .body(containsString("No repositories match with these filters."));
    }

    @Test
    void sortsOrderByStarsPullsAndLastUpdate() {
        World w = world();
        Results byStars = search.search(null, query(w.word(), Sort.STARS));
        assertEquals(w.a() + "/" + w.word(), byStars.hits().get(0).fullName());
        assertOrdered(byStars.hits().stream().map(h -> (long) h.starCount()).toList());
        Results byPulls = search.search(null, query(w.word(), Sort.PULLS));
        assertOrdered(byPulls.hits().stream().map(Hit::pullCount).toList());
        Results byUpdate = search.search(null, query(w.word(), Sort.UPDATED));
        assertOrdered(byUpdate.hits().stream().map(h -> h.lastUpdated().toEpochMilli()).toList());
        assertEquals(byStars.total(), byUpdate.total(), "a sort changes the order, not the hits");
    }

    @Test
    void pagesKeepTheFiltersAndTheSort() {
        World w = world();
        String first = new Visitor().get("/search?q=" + w.pageWord() + "&namespace=" + w.b() + "&sort=pulls")
                .then().statusCode(200).body(containsString("30 results")).extract().asString();
        assertEquals(25, names(first).size());
        String next = "/search?q=" + w.pageWord() + "&amp;namespace=" + w.b() + "&amp;sort=pulls&amp;page=2";
        assertTrue(first.contains("href=\"" + next + "\" rel=\"next\""), first);

        List<String> second = names("/search?q=" + w.pageWord() + "&namespace=" + w.b() + "&sort=pulls&page=2");
        assertEquals(5, second.size());
        assertTrue(second.stream().allMatch(n -> n.startsWith(w.b() + "/")), second.toString());
        List<String> all = new ArrayList<>(names(first));
        all.addAll(second);
        assertEquals(30, all.stream().distinct().count(), "no repository twice, none left out");

        JsonPath docker = new Visitor().get("/v1/search?q=" + w.pageWord() + "&n=10&page=3").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(31, docker.getInt("num_results"));
        assertEquals(4, docker.getInt("num_pages"));
        assertEquals(3, docker.getInt("page"));
        assertEquals(10, docker.getInt("page_size"));
        assertEquals(w.pageWord(), docker.getString("query"));
        assertEquals(10, docker.getList("results").size());
        new Visitor().get("/search?q=" + w.pageWord() + "&page=9").then().statusCode(200)
                .body(containsString("31 results")).body(not(containsString("class=\"repo-name\"")));
    }

    @Test
    void anEmptySearchExplainsHowToSearch() {
        new Visitor().get("/search").then().statusCode(200)
                .body(containsString("Browse the official images"))
                .body(containsString("<label for=\"search-q\">Search for</label>"))
                .body(not(containsString("class=\"repo-name\"")));
        new Visitor().get("/search?q=&official=true").then().statusCode(200)
                .body(containsString("library/" + world().word()));
        new Visitor().get("/v1/search?q=").then().statusCode(200).body(containsString("\"num_results\":0"));
    }

    private static SearchQuery query(String text, Sort sort) {
        return new SearchQuery(text, false, false, "", sort, 1, 100);
    }

    private static void assertOrdered(List<Long> values) {
        for (int i = 1; i < values.size(); i++) {
            assertTrue(values.get(i - 1) >= values.get(i), values.toString());
        }
    }

    private static List<String> names(String pathOrHtml) {
        String html = pathOrHtml.startsWith("/") ? new Visitor().get(pathOrHtml).then().statusCode(200).extract().asString()
                : pathOrHtml;
        List<String> names = new ArrayList<>();
        Matcher m = RESULT.matcher(html);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
