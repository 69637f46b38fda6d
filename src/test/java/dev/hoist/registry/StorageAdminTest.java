package dev.hoist.registry;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The site administrator's button that runs the blob garbage collector at once. */
@QuarkusTest
class StorageAdminTest {

    @Test
    void aSiteAdministratorFreesUnusedBlobsAtOnce() {
        String me = People.newVerified("gcadm");
        OciLayout.Blob abandoned = OciLayout.Blob.of(OciLayout.random(3000));
        RegistryClient.as(me, "password123").pushBlob(me + "/left", abandoned).then().statusCode(201);
        // Older than the default grace period of a day.
        BlobAges.age(abandoned.digest(), Duration.ofHours(25));

        Visitor admin = People.siteAdmin();
        admin.get("/admin/storage").then().statusCode(200)
                .body(containsString("<button type=\"submit\" class=\"button primary\">Collect unused blobs now</button>"))
                .body(containsString("kept for <strong>1 day</strong>"))
                .body(containsString("<strong>not on a schedule</strong>"));
        admin.submit("/admin/storage", "/admin/storage/collect", Map.of()).then().statusCode(303)
                .header("Location", containsString("/admin/storage"));
        String page = admin.get("/admin/storage").asString();

        Matcher freed = Pattern.compile("Freed (\\d+) unused blobs \\(([0-9.]+) MB\\) and dropped (\\d+) unused blob references").matcher(page);
        assertTrue(freed.find(), page);
        assertTrue(Integer.parseInt(freed.group(1)) >= 1 && Integer.parseInt(freed.group(3)) >= 1, freed.group());
        assertFalse(Files.exists(BlobAges.fileOf(abandoned.digest())), "the abandoned blob is gone from disk");
    }

    @Test
    void nobodyElseFindsThePage() {
        new Visitor().get("/admin/storage").then().statusCode(404);
        Visitor user = People.verified(Visitor.uniqueName("gcuser"));
        user.get("/admin/storage").then().statusCode(404);
        String token = user.get("/settings").asString().replaceAll("(?s).*name=\"csrf-token\" value=\"([^\"]*)\".*", "$1");
        user.post("/admin/storage/collect", Map.of("csrf-token", token)).then().statusCode(404);
        // Without the form's token the request is refused before anything runs.
        new Visitor().post("/admin/storage/collect", Map.of()).then().statusCode(403);
    }
}
