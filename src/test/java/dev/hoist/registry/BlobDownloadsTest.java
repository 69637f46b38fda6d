package dev.hoist.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Pulls of a blob bigger than one write slice (4 MiB), sent from a memory map: many at once, partial ones, and
 * clients that leave halfway all end, with the right bytes, and leave no mapping behind.
 */
@QuarkusTest
class BlobDownloadsTest {

    private static final int SIZE = 9 * 1024 * 1024 + 123;

    @TestHTTPResource("/")
    URL base;

    @Test
    void manyConcurrentPullsAllFinishWithTheRightBytes() throws Exception {
        String me = Visitor.uniqueName("dl");
        People.verified(me);
        String name = me + "/big";
        byte[] data = new byte[SIZE];
        new Random(7).nextBytes(data);
        OciLayout.Blob blob = OciLayout.Blob.of(data);
        RegistryClient owner = RegistryClient.as(me, "password123");
        owner.pushBlob(name, blob).then().statusCode(201);
        String token = owner.token("repository:" + name + ":pull");
        URI uri = URI.create(base + "v2/" + name + "/blobs/" + blob.digest());
        for (HttpClient.Version version : HttpClient.Version.values()) {
            pullInEveryWay(HttpClient.newBuilder().version(version).connectTimeout(Duration.ofSeconds(5)).build(), uri, token, data);
        }

        // Every window is unmapped once its writes are done (this test runs in Hoist's JVM).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (blobMappings() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0, blobMappings(), "blob files still mapped");
    }

    /** HTTP/1.1 or HTTP/2 (cleartext, by upgrade), as a client picks. */
    private static void pullInEveryWay(HttpClient http, URI uri, String token, byte[] data) throws Exception {
        List<CompletableFuture<HttpResponse<byte[]>>> pulls = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            pulls.add(http.sendAsync(request(uri, token).build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (CompletableFuture<HttpResponse<byte[]>> pull : pulls) {
            HttpResponse<byte[]> response = pull.get(60, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertArrayEquals(data, response.body());
        }

        // A range across the first slice boundary, and one that ends at the last byte.
        int boundary = 4 * 1024 * 1024;
        HttpResponse<byte[]> across = http.send(request(uri, token)
                .header("Range", "bytes=" + (boundary - 5) + "-" + (boundary + 5)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, across.statusCode());
        assertArrayEquals(Arrays.copyOfRange(data, boundary - 5, boundary + 6), across.body());
        HttpResponse<byte[]> tail = http.send(request(uri, token).header("Range", "bytes=-1000").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(Arrays.copyOfRange(data, SIZE - 1000, SIZE), tail.body());

        // Clients that read a little and hang up.
        for (int i = 0; i < 6; i++) {
            HttpResponse<InputStream> partial = http.send(request(uri, token).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = partial.body()) {
                in.readNBytes(100_000);
            }
        }
        assertArrayEquals(data, http.send(request(uri, token).build(), HttpResponse.BodyHandlers.ofByteArray()).body());
    }

    private static HttpRequest.Builder request(URI uri, String token) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token);
    }

    private static long blobMappings() throws Exception {
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.filter(line -> line.contains("/sha256/")).count();
        }
    }
}
