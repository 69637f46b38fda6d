package dev.hoist.search;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.hoist.support.People;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Anonymous results are cached, but never outlive a change that alters them: the very next search sees it. */
@QuarkusTest
class SearchCacheTest {

    @Test
    void aRepositoryMadePrivateLeavesCachedResultsAtOnce() {
        String owner = Visitor.uniqueName("co");
        String word = Visitor.uniqueName("cw");
        Visitor visitor = People.verified(owner);
        Repos.create(visitor, owner, word + "-app", false, "", "");
        Visitor anonymous = new Visitor();
        for (String path : new String[] { "/search?q=" + word, "/search/suggest?q=" + word, "/v1/search?q=" + word }) {
            anonymous.get(path).then().statusCode(200).body(containsString(word + "-app"));
            anonymous.get(path).then().statusCode(200).body(containsString(word + "-app"));
        }

        String settings = "/r/" + owner + "/" + word + "-app/settings";
        visitor.submit(settings, settings + "/visibility", Map.of("visibility", "private")).then().statusCode(303);

        for (String path : new String[] { "/search?q=" + word, "/search/suggest?q=" + word, "/v1/search?q=" + word }) {
            anonymous.get(path).then().statusCode(200).body(not(containsString(word + "-app")));
        }
        visitor.get("/search?q=" + word).then().body(containsString(word + "-app"));
    }

    @Test
    void newRepositoriesAndNewDescriptionsAreFoundAtOnce() {
        String owner = Visitor.uniqueName("cn");
        String word = Visitor.uniqueName("cx");
        Visitor visitor = People.verified(owner);
        Repos.create(visitor, owner, word + "-one", false, "", "");
        new Visitor().get("/search?q=" + word).then().body(containsString("1 result"));

        Repos.create(visitor, owner, word + "-two", false, "", "");
        new Visitor().get("/search?q=" + word).then().body(containsString("2 results"));

        String other = Visitor.uniqueName("cy");
        new Visitor().get("/search?q=" + other).then().body(containsString("No repositories match"));
        String settings = "/r/" + owner + "/" + word + "-one/settings";
        visitor.submit(settings, settings + "/description",
                Map.of("description", "Now also about " + other, "readme", "", "action", "save")).then().statusCode(303);
        new Visitor().get("/search?q=" + other).then().body(containsString(owner + "/" + word + "-one"));
    }
}
