package dev.hoist.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hoist.model.Repo;
import dev.hoist.support.People;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Tag lists of 10,000 tags: whole, and in pages that follow the Link in byte order whatever the collation. */
@QuarkusTest
class TagListsTest {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @Test
    void tenThousandTagsComeWholeOrInPagesInByteOrder() throws Exception {
        String me = People.newVerified("tenk");
        String name = me + "/many";
        RegistryClient client = RegistryClient.as(me, "password123");
        client.pushImage(name, OciLayout.image(100), "seed");
        long repoId = QuarkusTransaction.requiringNew().call(() -> Repo.byName(me, "many").orElseThrow().id);
        // Names whose byte order differs from a language's: capitals before small letters, "_" between.
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery("""
                INSERT INTO tags (repository_id, name, manifest_id)
                SELECT t.repository_id, (ARRAY['A', 'b', 'C', '_', 'z'])[1 + i % 5] || lpad(i::text, 5, '0'), t.manifest_id
                FROM tags t, generate_series(1, 9999) i WHERE t.repository_id = ?1 AND t.name = 'seed'
                """).setParameter(1, repoId).executeUpdate());

        Response whole = client.on(name, "pull").get("/v2/" + name + "/tags/list");
        whole.then().statusCode(200);
        List<String> all = whole.jsonPath().getList("tags", String.class);
        assertEquals(10_000, all.size());
        assertNull(whole.header("Link"));
        List<String> bytes = new ArrayList<>(all);
        bytes.sort(String::compareTo); // tag characters are ASCII: String order is byte order
        assertEquals(bytes, all);
        assertEquals("A00005", all.get(0));

        for (int n : new int[] { 7, 1000 }) {
            List<String> paged = new ArrayList<>();
            String path = "/v2/" + name + "/tags/list?n=" + n;
            while (path != null) {
                Response page = client.on(name, "pull").get(path);
                page.then().statusCode(200);
                List<String> tags = page.jsonPath().getList("tags", String.class);
                assertEquals(true, tags.size() <= n);
                paged.addAll(tags);
                String link = page.header("Link");
                if (link == null) {
                    path = null;
                } else {
                    Matcher m = NEXT.matcher(link);
                    assertEquals(true, m.matches(), link);
                    path = m.group(1);
                }
                if (n == 7 && paged.size() >= 70) {
                    break; // 1,429 requests would prove no more than these
                }
            }
            assertEquals(all.subList(0, paged.size()), paged);
            if (n == 1000) {
                assertEquals(10_000, paged.size());
            }
        }
        // A page after a name that is not a tag starts at the next one in byte order.
        Response after = client.on(name, "pull").get("/v2/" + name + "/tags/list?n=2&last=_");
        assertEquals(List.of("_00003", "_00008"), after.jsonPath().getList("tags", String.class));
    }
}
