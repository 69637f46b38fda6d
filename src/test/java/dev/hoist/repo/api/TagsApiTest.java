package dev.hoist.repo.api;

import static dev.hoist.repo.api.RepositoriesApiTest.api;
import static dev.hoist.repo.api.RepositoriesApiTest.login;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.events.TagDeleted;
import dev.hoist.support.Images;
import dev.hoist.support.People;
import dev.hoist.support.RecordedEvents;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tags in Docker Hub's fields: an image and a multi-platform index, paged and ordered; deleting one. */
@QuarkusTest
class TagsApiTest {

    @Inject
    RecordedEvents events;

    @Test
    void tagsShowTheirImagesAndCanBeDeleted() throws Exception {
        String me = People.newVerified("tags");
        String repo = me + "/app";
        Images.Pushed single = Images.push(me, "password123", repo, "v1", "linux", "amd64");
        Map<String, Images.Pushed> children = new LinkedHashMap<>();
        children.put("amd64", Images.push(me, "password123", repo, null, "linux", "amd64"));
        children.put("arm64", Images.push(me, "password123", repo, null, "linux", "arm64"));
        String index = Images.pushIndex(me, "password123", repo, "multi", children);
        String token = login(me);

        api(token).queryParam("page_size", 100).queryParam("page", 1).queryParam("ordering", "name")
                .get("/v2/repositories/" + repo + "/tags/").then().statusCode(200)
                .body("count", equalTo(2)).body("next", nullValue()).body("results.name", contains("multi", "v1"))
                .body("results[1].digest", equalTo(single.digest())).body("results[1].full_size", notNullValue())
                .body("results[1].last_updater_username", equalTo(me)).body("results[1].tag_status", equalTo("active"))
                .body("results[1].tag_last_pushed", notNullValue()).body("results[1].tag_last_pulled", nullValue())
                .body("results[1].images", hasSize(1)).body("results[1].images[0].architecture", equalTo("amd64"))
                .body("results[1].images[0].os", equalTo("linux")).body("results[1].images[0].digest", equalTo(single.digest()))
                .body("results[0].digest", equalTo(index))
                .body("results[0].images.architecture", containsInAnyOrder("amd64", "arm64"))
                .body("results[0].images.digest", containsInAnyOrder(children.get("amd64").digest(), children.get("arm64").digest()));
        api(token).queryParam("page_size", 1).get("/v2/namespaces/" + me + "/repositories/app/tags").then().statusCode(200)
                .body("count", equalTo(2)).body("results", hasSize(1)).body("next", notNullValue());
        api(token).get("/v2/repositories/" + repo + "/tags/v1").then().statusCode(200).body("name", equalTo("v1"));
        api(token).get("/v2/namespaces/" + me + "/repositories/app/tags/multi").then().statusCode(200)
                .body("images", hasSize(2));
        api(token).get("/v2/repositories/" + repo + "/tags/nope").then().statusCode(404);

        api(token).delete("/v2/repositories/" + repo + "/tags/v1/").then().statusCode(204);
        assertTrue(events.of(TagDeleted.class).stream().anyMatch(e -> e.repository().equals(repo) && e.tag().equals("v1")));
        api(token).delete("/v2/repositories/" + repo + "/tags/v1/").then().statusCode(404);
        api(token).get("/v2/repositories/" + repo + "/tags/").then().statusCode(200).body("count", equalTo(1));
        api(null).delete("/v2/repositories/" + repo + "/tags/multi/").then().statusCode(401);
    }
}
