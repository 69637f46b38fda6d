package dev.hoist.registry;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A deleted account takes its repositories along, so the collector frees their bytes; what
 * accounts deleted before left, a site administrator sees and deletes on /admin/storage.
 */
@QuarkusTest
class AccountDeletionTest {

    private static final Duration OLD = Duration.ofHours(25);

    @Inject
    GarbageCollector collector;

    @Test
    void deletingAnAccountDeletesItsRepositoriesAndTheCollectorFreesTheirBlobs() throws Exception {
        String me = Visitor.uniqueName("leaver");
        Visitor owner = People.verified(me);
        RegistryClient client = RegistryClient.as(me, "password123");
        OciLayout.Image image = OciLayout.image(20_000);
        client.pushImage(me + "/app", image, "v1");
        client.pushImage(me + "/tools", OciLayout.image(1_000), "v1");
        String fanName = Visitor.uniqueName("fan");
        Visitor fan = People.verified(fanName);
        fan.submit("/r/" + me + "/app", "/r/" + me + "/app/star", Map.of()).then().statusCode(303);
        dev.hoist.support.Repos.create(fan, fanName, "liked", false, "", "");
        owner.submit("/r/" + fanName + "/liked", "/r/" + fanName + "/liked/star", Map.of()).then().statusCode(303);

        owner.get("/settings").then().statusCode(200)
                .body(containsString("It takes along your <strong>2 repositories</strong>"));
        owner.submit("/settings", "/settings/delete", Map.of("confirm", me)).then().statusCode(303);

        assertEquals(0, count("SELECT count(*) FROM repositories r JOIN namespaces n ON n.id = r.namespace_id WHERE n.name = ?1", me));
        assertEquals(0, count("SELECT count(*) FROM repository_blobs WHERE digest = ?1", image.layer().digest()));
        assertEquals(0, count("SELECT count(*) FROM manifests WHERE digest = ?1", image.manifestDigest()));
        fan.get("/u/" + fanName).then().statusCode(200).body(not(containsString(me + "/app")));
        // Its stars on other repositories go too, and their counts with them.
        assertEquals(0, count("SELECT star_count FROM repositories WHERE full_name = ?1", fanName + "/liked"));
        age(image);
        collector.collect();
        assertFalse(Files.exists(BlobAges.fileOf(image.layer().digest())), "the layer is freed from disk");
        assertFalse(Files.exists(BlobAges.fileOf(image.config().digest())), "the config is freed from disk");
    }

    @Test
    void aSiteAdministratorDeletesWhatAnAccountDeletedBeforeLeftBehind() throws Exception {
        String me = People.newVerified("olddel");
        OciLayout.Image image = OciLayout.image(20_000);
        RegistryClient.as(me, "password123").pushImage(me + "/app", image, "v1");
        String fanName = Visitor.uniqueName("fan");
        Visitor fan = People.verified(fanName);
        fan.submit("/r/" + me + "/app", "/r/" + me + "/app/star", Map.of()).then().statusCode(303);
        fan.get("/u/" + fanName).then().body(containsString(me + "/app"));
        deleteAsBefore(me);

        // Nobody sees it any more, in any list.
        fan.get("/u/" + fanName).then().statusCode(200).body(not(containsString(me + "/app")));
        new Visitor().get("/").then().body(not(containsString(me + "/app")));

        Visitor admin = People.siteAdmin();
        String button = "Delete the 1 repositories of " + me;
        admin.get("/admin/storage").then().statusCode(200).body(containsString("<td>" + me + "</td>")).body(containsString(button));
        // Not for anyone else, and never without the form's token.
        Visitor user = People.verified(Visitor.uniqueName("nosy"));
        user.post("/admin/storage/leftovers", Map.of("namespace", me, "csrf-token", user.csrfToken("/settings")))
                .then().statusCode(404);
        admin.post("/admin/storage/leftovers", Map.of("namespace", me)).then().statusCode(403);
        assertEquals(1, count("SELECT count(*) FROM repositories r JOIN namespaces n ON n.id = r.namespace_id WHERE n.name = ?1", me));

        admin.submit("/admin/storage", "/admin/storage/leftovers", Map.of("namespace", me)).then().statusCode(303);
        admin.get("/admin/storage").then().body(containsString("Deleted the 1 repository left by the deleted namespace " + me))
                .body(not(containsString(button)));
        assertEquals(0, count("SELECT count(*) FROM repositories r JOIN namespaces n ON n.id = r.namespace_id WHERE n.name = ?1", me));
        age(image);
        collector.collect();
        assertFalse(Files.exists(BlobAges.fileOf(image.layer().digest())), "the layer is freed from disk");
    }

    @Test
    void theOnlyOwnerOfAnOrganizationCannotDeleteTheirAccount() {
        String me = Visitor.uniqueName("soleown");
        Visitor owner = People.verified(me);
        String first = Visitor.uniqueName("aorg");
        String second = Visitor.uniqueName("borg");
        for (String org : List.of(first, second)) {
            owner.submit("/orgs/new", "/orgs/new", Map.of("name", org)).then().statusCode(303);
        }
        String other = People.newVerified("coown");
        String owners = "/orgs/" + second + "/teams/owners";
        owner.submit(owners, owners + "/members", Map.of("username", other)).then().statusCode(303);
        String third = Visitor.uniqueName("corg");
        owner.submit("/orgs/new", "/orgs/new", Map.of("name", third)).then().statusCode(303);

        owner.submit("/settings", "/settings/delete", Map.of("confirm", me)).then().statusCode(400)
                .body(containsString("You are the only owner of " + first + ", " + third + ". Add another owner to each of them"));
        assertEquals(1, count("SELECT count(*) FROM namespaces WHERE name = ?1 AND deleted_at IS NULL", me));

        for (String org : List.of(first, third)) {
            String team = "/orgs/" + org + "/teams/owners";
            owner.submit(team, team + "/members", Map.of("username", other)).then().statusCode(303);
        }
        owner.submit("/settings", "/settings/delete", Map.of("confirm", me)).then().statusCode(303);
        assertEquals(1, count("SELECT count(*) FROM namespaces WHERE name = ?1 AND deleted_at IS NOT NULL", me));
    }

    /** What deleting an account did before it took the repositories along. */
    private static void deleteAsBefore(String username) {
        QuarkusTransaction.requiringNew().run(() -> {
            var em = Panache.getEntityManager();
            em.createNativeQuery("UPDATE namespaces SET deleted_at = now() WHERE name = ?1").setParameter(1, username).executeUpdate();
            em.createNativeQuery("DELETE FROM accounts WHERE namespace_id = (SELECT id FROM namespaces WHERE name = ?1)")
                    .setParameter(1, username).executeUpdate();
        });
    }

    private static void age(OciLayout.Image image) {
        for (OciLayout.Blob blob : List.of(image.layer(), image.config())) {
            BlobAges.age(blob.digest(), OLD);
            assertTrue(Files.exists(BlobAges.fileOf(blob.digest())));
        }
    }

    private static long count(String sql, String parameter) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager().createNativeQuery(sql)
                .setParameter(1, parameter).getSingleResult()).longValue());
    }
}
