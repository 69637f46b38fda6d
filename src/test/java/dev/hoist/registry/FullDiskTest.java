package dev.hoist.registry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.hoist.support.LogRecorder;
import dev.hoist.support.People;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A store whose disk is full: the upload's file is pointed at {@code /dev/full}, where every
 * write fails with ENOSPC as on a full filesystem. The client is told to retry, not blamed, and
 * the operator reads which store failed.
 */
@QuarkusTest
class FullDiskTest {

    private static final Path UPLOADS = Path.of("target/test-data/blobs/_uploads");

    private final LogRecorder errors = new LogRecorder(record -> record.getLevel().intValue() >= Level.SEVERE.intValue());

    @BeforeEach
    void record() {
        errors.start();
    }

    @AfterEach
    void stopRecording() {
        errors.stop();
    }

    @Test
    void aFullDiskAnswersARetryable503AndLogsTheStore() throws Exception {
        String me = People.newVerified("fulldisk");
        String name = me + "/app";
        RegistryClient client = RegistryClient.as(me, "password123");
        Response start = client.on(name, "pull,push").post("/v2/" + name + "/blobs/uploads/");
        start.then().statusCode(202);
        String location = start.header("Location");
        Path file = UPLOADS.resolve(idOf(location));
        Files.delete(file);
        Files.createSymbolicLink(file, Path.of("/dev/full"));
        try {
            client.on(name, "pull,push").contentType("application/octet-stream").header("Content-Range", "0-999")
                    .body(new byte[1000]).patch(location)
                    .then().statusCode(503)
                    .header("Retry-After", notNullValue())
                    .body("errors[0].code", equalTo("UNAVAILABLE"))
                    .body("errors[0].message", containsString("try again"));
        } finally {
            Files.deleteIfExists(file);
        }

        List<String> messages = errors.records().stream().map(LogRecord::getMessage).toList();
        String logged = String.join("\n", messages);
        assertThat(messages, hasItem(containsString("Cannot write to the blob store at ")));
        assertThat(logged, containsString(UPLOADS.getParent().toAbsolutePath().normalize().toString()));
        assertThat(logged, containsString("No space left on device"));
    }

    private static String idOf(String location) {
        String path = location.replaceAll("\\?.*", "");
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
