package dev.hoist.registry;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The repository page's Tags tab shows what was pushed, and Admins can delete a tag. */
@QuarkusTest
class TagsTabTest {

    @Test
    void pushedTagsAppearWithTheirDetails() throws Exception {
        String me = Visitor.uniqueName("tab");
        Visitor owner = People.verified(me);
        String name = me + "/shop";
        OciLayout.Image image = OciLayout.image(5000);
        RegistryClient.as(me, "password123").pushImage(name, image, "1.0");

        new Visitor().get("/r/" + name + "/tags").then().statusCode(200)
                .body(containsString("<h2 class=\"tag-name\">1.0</h2>"))
                .body(containsString(image.manifestDigest().substring(0, 19)))
                .body(containsString("linux/amd64"))
                .body(containsString("by <a href=\"/u/" + me + "\">" + me + "</a>"))
                .body(containsString("/" + name + ":1.0\""))
                .body(not(containsString("Delete tag")));
        new Visitor().get("/r/" + name).then().body(not(containsString("Last pushed</dt><dd>never")));

        owner.submit("/r/" + name + "/tags", "/r/" + name + "/tags/delete", Map.of("tag", "1.0")).then().statusCode(303);
        new Visitor().get("/r/" + name + "/tags").then().body(containsString("No tags yet"));
        Visitor.signedUp(Visitor.uniqueName("nosy")).submit("/settings", "/r/" + name + "/tags/delete", Map.of("tag", "x"))
                .then().statusCode(403);
    }
}
