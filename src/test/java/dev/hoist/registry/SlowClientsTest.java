package dev.hoist.registry;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.People;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slow clients with real sockets: hundreds of requests that send a byte of their body and stall
 * must not keep anyone else from pages, health, tokens and pushes.
 */
@QuarkusTest
class SlowClientsTest {

    /**
     * How much longer than before the attack a normal client may wait for each answer while it runs:
     * a second, on top of what the same request took just before on this (shared, busy) machine.
     */
    private static final long BUDGET_MS = Long.getLong("slow.budget-ms", 1000);
    private final java.util.Map<String, Long> baseline = new java.util.HashMap<>();
    private final List<Socket> open = new ArrayList<>();

    private io.restassured.config.RestAssuredConfig usual;

    @org.junit.jupiter.api.BeforeEach
    void timeOutInsteadOfHanging() {
        usual = RestAssured.config;
        RestAssured.config = RestAssured.config().httpClient(io.restassured.config.HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", 30_000).setParam("http.connection.timeout", 30_000));
    }

    @AfterEach
    void restoreTimeouts() {
        closeEverything();
        RestAssured.config = usual;
    }

    void closeEverything() {
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        open.clear();
    }

    @Test
    void fiveHundredSlowFormPostsAndSlowUploadsFreezeNothing() throws Exception {
        String attacker = People.newVerified("slowa");
        String attackerToken = RegistryClient.as(attacker, "password123").token("repository:" + attacker + "/slow:pull,push");
        String normal = People.newVerified("slowb");
        RegistryClient normalClient = RegistryClient.as(normal, "password123");
        // Warm the paths up once, so that the budget measures waiting, not the first compilation.
        normalClient.pushImage(normal + "/app", OciLayout.image(512), "warm");
        normalChecks(normal, normalClient, "warm");
        baseline.putAll(lastTimes);

        // 500 slow sign-in posts, each from an address of its own (no per-address cap helps here).
        for (int i = 0; i < 500; i++) {
            slow("POST /login HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: 10.9." + (i / 250) + "." + (i % 250 + 1)
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nu");
        }
        // 500 slow chunk uploads with a valid push token, each to an upload session of its own.
        for (int i = 0; i < 500; i++) {
            String location = given().header("Authorization", "Bearer " + attackerToken)
                    .post("/v2/" + attacker + "/slow/blobs/uploads/").then().statusCode(202).extract().header("Location");
            slow("PATCH " + location + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + attackerToken
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000000\r\n\r\nx");
        }
        Thread.sleep(1000);
        normalChecks(normal, normalClient, "v1");
    }

    private final java.util.Map<String, Long> lastTimes = new java.util.HashMap<>();

    private void normalChecks(String normal, RegistryClient normalClient, String tag) throws Exception {
        within("the home page", () -> given().header("X-Forwarded-For", "198.51.100.23").get("/").statusCode(), 200);
        within("the sign-in page", () -> given().header("X-Forwarded-For", "198.51.100.23").get("/login").statusCode(), 200);
        within("health", () -> given().get("/q/health").statusCode(), 200);
        within("a token", () -> {
            normalClient.token("repository:" + normal + "/app:pull,push");
            return 200;
        }, 200);
        OciLayout.Image image = OciLayout.image(2048);
        within("a layer push", () -> normalClient.pushBlob(normal + "/app", image.layer()).statusCode(), 201);
        within("a config push", () -> normalClient.pushBlob(normal + "/app", image.config()).statusCode(), 201);
        within("a manifest push", () -> normalClient.pushManifest(normal + "/app", tag, image.manifest(),
                "application/vnd.oci.image.manifest.v1+json").statusCode(), 201);
    }

    @Test
    void oneAddressGetsNoMoreThanItsShareAndGetsItBackWhenItsConnectionsClose() throws Exception {
        for (int i = 0; i < 40; i++) {
            slow("POST /login HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: 203.0.113.77\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nu");
        }
        Thread.sleep(500);
        given().header("X-Forwarded-For", "203.0.113.77").get("/").then().statusCode(429);
        given().header("X-Forwarded-For", "203.0.113.78").get("/").then().statusCode(200);
        closeEverything();
        long deadline = System.currentTimeMillis() + 10_000;
        int status;
        do {
            Thread.sleep(200);
            status = given().header("X-Forwarded-For", "203.0.113.77").get("/").statusCode();
        } while (status != 200 && System.currentTimeMillis() < deadline);
        assertEquals(200, status, "the address's slots came back once its connections closed");
    }

    @Test
    void aBodyThatNeverArrivesTimesOut() throws Exception {
        Socket socket = slow("POST /login HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: 203.0.113.90\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nu");
        socket.setSoTimeout(60_000);
        long start = System.nanoTime();
        String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals("HTTP/1.1 408", answer);
        assertTrue(seconds < 40, "timed out after " + seconds + " s");
    }

    private Socket slow(String headAndFirstBytes) throws IOException {
        Socket socket = new Socket("127.0.0.1", RestAssured.port);
        open.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write(headAndFirstBytes.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return socket;
    }

    private void within(String what, Supplier<Integer> request, int expected) throws Exception {
        long start = System.nanoTime();
        int status;
        try {
            // A frozen server never answers: give up after a while instead of hanging the build.
            status = java.util.concurrent.CompletableFuture.supplyAsync(request).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(what + " got no answer within 30 s during the attack");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(expected, status, what);
        lastTimes.put(what, millis);
        if (baseline.containsKey(what)) {
            System.out.printf("during the attack: %s took %d ms (%d ms before)%n", what, millis, baseline.get(what));
            assertTrue(millis < BUDGET_MS + baseline.get(what),
                    what + " took " + millis + " ms during the attack, " + baseline.get(what) + " ms before");
        }
    }
}
