package dev.hoist.registry;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.People;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A push abandoned halfway is cleaned up by the running server; one still in progress is not. */
@QuarkusTest
class AbandonedUploadsTest {

    @Inject
    AbandonedUploads abandoned;

    @Test
    void anUploadUntouchedForADayGoesAndARecentOneStays() throws Exception {
        String me = People.newVerified("abandon");
        String name = me + "/half";
        RegistryClient client = RegistryClient.as(me, "password123");
        String old = startWithBytes(client, name);
        String recent = startWithBytes(client, name);
        makeOld(old, Duration.ofHours(25));

        abandoned.purge();

        client.on(name, "pull,push").get(old).then().statusCode(404).body("errors[0].code", equalTo("BLOB_UPLOAD_UNKNOWN"));
        assertFalse(Files.exists(fileOf(old)), "the partial file is gone");
        client.on(name, "pull,push").get(recent).then().statusCode(204).header("Range", "0-999");
        assertTrue(Files.exists(fileOf(recent)));
    }

    private static String startWithBytes(RegistryClient client, String name) {
        Response start = client.on(name, "pull,push").post("/v2/" + name + "/blobs/uploads/");
        start.then().statusCode(202);
        String location = start.header("Location");
        client.on(name, "pull,push").contentType("application/octet-stream").header("Content-Range", "0-999")
                .body(new byte[1000]).patch(location).then().statusCode(202);
        return location;
    }

    private static void makeOld(String location, Duration age) throws Exception {
        String id = idOf(location);
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager()
                .createNativeQuery("UPDATE uploads SET updated_at = now() - make_interval(secs => ?2) WHERE id = ?1")
                .setParameter(1, id).setParameter(2, (double) age.toSeconds()).executeUpdate());
        Files.setLastModifiedTime(fileOf(location), FileTime.from(Instant.now().minus(age)));
    }

    /** Where the test profile's store keeps upload files (hoist.data-dir=target/test-data). */
    private static Path fileOf(String location) {
        return Path.of("target/test-data/blobs/_uploads", idOf(location));
    }

    private static String idOf(String location) {
        String path = location.replaceAll("\\?.*", "");
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
