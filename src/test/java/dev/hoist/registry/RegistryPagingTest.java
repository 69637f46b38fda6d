package dev.hoist.registry;

import static dev.hoist.registry.Cli.run;
import static dev.hoist.registry.Cli.tempDir;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoist.model.Namespace;
import dev.hoist.model.Repo;
import dev.hoist.support.People;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Tag lists and the catalog come a bounded page at a time, with a Link to the next page that real clients follow. */
@QuarkusTest
class RegistryPagingTest {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @TestHTTPResource("/")
    URL base;

    /** The path of the next page named by the Link header, or null on the last page. */
    private static String next(Response response) {
        String link = response.header("Link");
        if (link == null) {
            return null;
        }
        Matcher m = NEXT.matcher(link);
        assertTrue(m.matches(), link);
        return m.group(1);
    }

    @Test
    void tagListsArePagedWhenAskedForAPageEvenOfEverything() throws Exception {
        String me = People.newVerified("tags");
        String name = me + "/many-tags";
        RegistryClient client = RegistryClient.as(me, "password123");
        client.pushImage(name, OciLayout.image(100), "v0000");
        // 1,200 more tags on the same manifest, written directly: pushing each would take a minute.
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery("""
                INSERT INTO tags (repository_id, name, manifest_id)
                SELECT t.repository_id, 'v' || lpad(i::text, 4, '0'), t.manifest_id
                FROM tags t, generate_series(1, 1200) i WHERE t.repository_id = ?1 AND t.name = 'v0000'
                """).setParameter(1, Repo.byName(me, "many-tags").orElseThrow().id).executeUpdate());

        // Without n, the whole list (issue 16 §6), as the reference registry answers and Renovate reads it.
        Response whole = client.on(name, "pull").get("/v2/" + name + "/tags/list");
        whole.then().statusCode(200);
        assertEquals(1201, whole.jsonPath().getList("tags").size());
        assertEquals(null, next(whole));
        for (String query : new String[] { "?n=100000000", "?n=2147483647" }) {
            Response page = client.on(name, "pull").get("/v2/" + name + "/tags/list" + query);
            page.then().statusCode(200);
            assertEquals(1000, page.jsonPath().getList("tags").size(), query);
            assertEquals("/v2/" + name + "/tags/list?n=1000&last=v0999", next(page), query);
        }
        List<String> all = new ArrayList<>();
        String path = "/v2/" + name + "/tags/list?n=500";
        while (path != null) {
            Response page = client.on(name, "pull").get(path);
            all.addAll(page.jsonPath().getList("tags"));
            path = next(page);
        }
        assertEquals(1201, all.size());
        assertEquals("v1200", all.get(1200));

        // skopeo follows the Link header to list every tag.
        String host = base.getHost() + ":" + base.getPort();
        JsonNode listed = OciLayout.JSON.readTree(run(tempDir("skopeo-tags"), "skopeo", "list-tags", "--tls-verify=false",
                "--creds", me + ":password123", "docker://" + host + "/" + name));
        assertEquals(1201, listed.path("Tags").size());
    }

    @Test
    void theCatalogIsPagedAndItsLinksLeadThroughEverything() {
        String me = Visitor.uniqueName("cat");
        People.verified(me);
        // 1,100 private repositories: only their owner sees them, so other tests' catalogs stay as they were.
        QuarkusTransaction.requiringNew().run(() -> {
            Namespace owner = Namespace.findActive(me).orElseThrow();
            for (int i = 0; i < 1100; i++) {
                Repo repo = new Repo();
                repo.namespace = owner;
                repo.name = String.format("r%04d", i);
                repo.isPrivate = true;
                repo.persist();
            }
        });
        String token = RegistryClient.as(me, "password123").token("registry:catalog:*");
        Response everything = given().header("Authorization", "Bearer " + token).get("/v2/_catalog?n=100000000");
        everything.then().statusCode(200);
        List<String> firstPage = everything.jsonPath().getList("repositories");
        assertEquals(1000, firstPage.size());
        assertTrue(next(everything).startsWith("/v2/_catalog?n=1000&last="), next(everything));
        Response byDefault = given().header("Authorization", "Bearer " + token).get("/v2/_catalog");
        assertEquals(100, byDefault.jsonPath().getList("repositories").size());

        // Following the links, as podman's catalog fallback does, reaches every repository once.
        List<String> mine = new ArrayList<>();
        String path = "/v2/_catalog?n=1000";
        int pages = 0;
        while (path != null) {
            Response page = given().urlEncodingEnabled(false).header("Authorization", "Bearer " + token).get(path);
            page.then().statusCode(200);
            List<String> names = page.jsonPath().getList("repositories");
            assertTrue(names.size() <= 1000);
            names.stream().filter(n -> n.startsWith(me + "/")).forEach(mine::add);
            path = next(page);
            pages++;
        }
        assertTrue(pages >= 2, pages + " pages");
        assertEquals(1100, mine.size());
        assertEquals(mine.size(), mine.stream().distinct().count());
    }

    @Test
    void theCatalogListsWhatTheCallerMayReadAndNothingElse() {
        String owner = Visitor.uniqueName("cato");
        String collaborator = Visitor.uniqueName("catc");
        String stranger = Visitor.uniqueName("cats");
        Visitor ownerVisitor = People.verified(owner);
        People.verified(collaborator);
        People.verified(stranger);
        Repos.create(ownerVisitor, owner, "secret", true, "", "");
        ownerVisitor.submit("/r/" + owner + "/secret/settings", "/r/" + owner + "/secret/settings/collaborators",
                Map.of("username", collaborator)).then().statusCode(303);

        // The first name after the owner's namespace is its private repository, for those who may read it.
        String query = "/v2/_catalog?n=1&last=" + owner;
        assertEquals(List.of(owner + "/secret"), firstAfter(RegistryClient.as(owner, "password123"), query));
        assertEquals(List.of(owner + "/secret"), firstAfter(RegistryClient.as(collaborator, "password123"), query));
        assertTrue(!firstAfter(RegistryClient.as(stranger, "password123"), query).contains(owner + "/secret"));
        assertTrue(!firstAfter(RegistryClient.anonymous(), query).contains(owner + "/secret"));
    }

    private static List<String> firstAfter(RegistryClient client, String query) {
        String token = client.token("registry:catalog:*");
        return given().header("Authorization", "Bearer " + token).get(query).then().statusCode(200)
                .extract().jsonPath().getList("repositories");
    }
}
