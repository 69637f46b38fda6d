package dev.hoist.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.HoistProcess;
import dev.hoist.support.Visitor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Multi-GiB blobs through a Hoist with a heap far smaller than one of them: a 3 GiB monolithic
 * push, a 3 GiB chunked push, both pulled back and a range of one, all streamed on both sides.
 * Any buffering of a whole body would run out of memory. Run by failsafe on the packaged jar.
 */
class BigBlobsIT {

    private static final long SIZE = 3L << 30;
    private static final long CHUNK = 512L << 20;
    private static final List<String> SMALL_HEAP = List.of("-Xmx160m", "-XX:MaxDirectMemorySize=32m");
    private static final Pattern VERIFY_LINK = Pattern.compile("To verify the email address of \\S+, open: \\S*(/verify-email\\S+)");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String base;
    private String authorization;

    @Test
    void threeGibibytePushesAndPullsStreamThroughASmallHeap() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "hoist-big");
        Assumptions.assumeTrue(Files.getFileStore(workDir).getUsableSpace() > (7L << 30) + (2 * SIZE) / 3,
                "needs about 7 GB of free disk");
        try (HoistProcess hoist = HoistProcess.start(workDir, Map.of(), SMALL_HEAP)) {
            base = hoist.baseUri();
            String user = Visitor.uniqueName("big");
            Visitor visitor = new Visitor(base).signUp(user);
            visitor.get(verificationLink(hoist.log(), user)).then().statusCode(303);
            String name = user + "/big";
            authorization = "Bearer " + token(user, name);

            Generated monolithic = new Generated(SIZE, 1);
            Generated chunked = new Generated(SIZE, 2);
            long started = System.nanoTime();
            String first = pushMonolithic(name, monolithic);
            String second = pushChunked(name, chunked);
            long pushed = System.nanoTime();
            assertEquals(first, pull(name, first), "the monolithic blob reads back whole");
            assertEquals(second, pull(name, second), "the chunked blob reads back whole");
            long pulled = System.nanoTime();

            long from = SIZE / 2 - 1000;
            HttpResponse<byte[]> range = send(request("/v2/" + name + "/blobs/" + second)
                    .header("Range", "bytes=" + from + "-" + (from + 99_999)).GET(), BodyHandlers.ofByteArray());
            assertEquals(206, range.statusCode());
            assertEquals("bytes " + from + "-" + (from + 99_999) + "/" + SIZE, range.headers().firstValue("Content-Range").orElse(""));
            assertArrayEquals(chunked.stream(from, from + 100_000).readAllBytes(), range.body());

            assertTrue(hoist.isAlive(), "Hoist is still running");
            String log = Files.readString(hoist.log());
            assertFalse(log.contains("OutOfMemoryError"), "no OutOfMemoryError in " + hoist.log());
            System.out.printf("2 x %d MiB pushed in %d ms, pulled in %d ms; Hoist peak RSS %s%n", SIZE >> 20,
                    (pushed - started) / 1_000_000, (pulled - pushed) / 1_000_000, peakRss(hoist.pid()));
        } finally {
            deleteTree(workDir);
        }
    }

    /** POST, then PUT with the whole body; the digest goes first, so the bytes are generated twice. */
    private String pushMonolithic(String name, Generated blob) throws Exception {
        String digest = sha256(blob.stream(0, blob.length));
        HttpResponse<String> start = send(request("/v2/" + name + "/blobs/uploads/").POST(BodyPublishers.noBody()),
                BodyHandlers.ofString());
        assertEquals(202, start.statusCode(), start.body());
        HttpResponse<String> put = send(request(location(start) + "?digest=" + digest)
                .header("Content-Type", "application/octet-stream")
                .PUT(BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> blob.stream(0, blob.length)), blob.length)),
                BodyHandlers.ofString());
        assertEquals(201, put.statusCode(), put.body());
        assertEquals(digest, put.headers().firstValue("Docker-Content-Digest").orElse(""));
        return digest;
    }

    /** PATCHes of 512 MiB, hashed as they are generated, then a PUT with no body. */
    private String pushChunked(String name, Generated blob) throws Exception {
        HttpResponse<String> response = send(request("/v2/" + name + "/blobs/uploads/").POST(BodyPublishers.noBody()),
                BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
        MessageDigest hash = MessageDigest.getInstance("SHA-256");
        for (long offset = 0; offset < blob.length; offset += CHUNK) {
            long start = offset;
            long end = Math.min(blob.length, offset + CHUNK);
            response = send(request(location(response))
                    .header("Content-Type", "application/octet-stream")
                    .header("Content-Range", start + "-" + (end - 1))
                    .method("PATCH", BodyPublishers.fromPublisher(
                            BodyPublishers.ofInputStream(() -> new DigestInputStream(blob.stream(start, end), hash)), end - start)),
                    BodyHandlers.ofString());
            assertEquals(202, response.statusCode(), response.body());
            assertEquals("0-" + (end - 1), response.headers().firstValue("Range").orElse(""));
        }
        String digest = "sha256:" + HexFormat.of().formatHex(hash.digest());
        HttpResponse<String> put = send(request(location(response) + "?digest=" + digest).PUT(BodyPublishers.noBody()),
                BodyHandlers.ofString());
        assertEquals(201, put.statusCode(), put.body());
        return digest;
    }

    /** The digest of what a GET streams back. */
    private String pull(String name, String digest) throws Exception {
        HttpResponse<InputStream> response = send(request("/v2/" + name + "/blobs/" + digest).GET(), BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertEquals(String.valueOf(SIZE), response.headers().firstValue("Content-Length").orElse(""));
        return sha256(response.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5)).header("Authorization", authorization);
    }

    /** Sends, and fails at once on any server error. */
    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) throws Exception {
        HttpResponse<T> response = http.send(request.build(), body);
        assertTrue(response.statusCode() < 500, "server error " + response.statusCode() + " for " + response.request());
        return response;
    }

    private String token(String user, String name) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":password123").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/token?service=hoist&scope=repository:"
                + name + ":pull,push")).header("Authorization", "Basic " + basic).build(), BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        Matcher token = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        assertTrue(token.find(), response.body());
        return token.group(1);
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static String verificationLink(Path log, String user) throws IOException {
        Matcher link = VERIFY_LINK.matcher(Files.readString(log));
        while (link.find()) {
            if (link.group(0).contains(" " + user + ",")) {
                return link.group(1);
            }
        }
        throw new AssertionError("no verification link for " + user + " in " + log);
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest hash = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 20];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                hash.update(buffer, 0, n);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(hash.digest());
    }

    private static String peakRss(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/" + pid + "/status"))) {
            return lines.filter(l -> l.startsWith("VmHWM:")).map(l -> l.substring(6).trim()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * {@code length} pseudo-random bytes made block by block from a seed, so that any range can be
     * made again without keeping anything.
     */
    private record Generated(long length, long seed) {

        private static final int BLOCK = 1 << 20;

        InputStream stream(long from, long to) {
            return new InputStream() {
                private final byte[] block = new byte[BLOCK];
                private long blockIndex = -1;
                private long position = from;

                @Override
                public int read() {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (position >= to) {
                        return -1;
                    }
                    if (position / BLOCK != blockIndex) {
                        blockIndex = position / BLOCK;
                        new SplittableRandom(seed * 1_000_003 + blockIndex).nextBytes(block);
                    }
                    int inBlock = (int) (position % BLOCK);
                    int n = (int) Math.min(Math.min(len, BLOCK - inBlock), to - position);
                    System.arraycopy(block, inBlock, b, off, n);
                    position += n;
                    return n;
                }
            };
        }
    }
}
