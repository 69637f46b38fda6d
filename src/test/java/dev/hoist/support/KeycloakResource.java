package dev.hoist.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak (the keycloak-quarkus-dist zip that Maven unpacks under target/keycloak) on a
 * free loopback port, with the repository's sample realm, for the tests of {@code KeycloakProfile}.
 * Hoist's test port is fixed here too, because the realm must know Hoist's redirect URI.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    public static final String REALM = "hoist";
    public static final String CLIENT_SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
    /** A Keycloak user the tests sign in as (added to the realm here, not in the sample file). */
    public static final String USER = "tessa";
    public static final String USER_PASSWORD = "keycloak-pass-1";

    private static String issuer;
    private static String adminPassword;
    private static int hoistPort;
    private Process process;

    public static String issuer() {
        return issuer;
    }

    /** The realm's admin REST API, as the bootstrap admin (see {@link KeycloakAdmin}). */
    public static KeycloakAdmin admin() {
        return new KeycloakAdmin(issuer.substring(0, issuer.indexOf("/realms/")), REALM, "admin", adminPassword);
    }

    public static int hoistPort() {
        return hoistPort;
    }

    @Override
    public Map<String, String> start() {
        try {
            Path home = Path.of(System.getProperty("test.keycloak.home", "target/keycloak/keycloak-26.5.6")).toAbsolutePath();
            if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
                throw new IllegalStateException("No Keycloak at " + home + ": run the tests through Maven, which unpacks it");
            }
            int port = freePort();
            hoistPort = freePort();
            issuer = "http://127.0.0.1:" + port + "/realms/" + REALM;
            writeRealm(home.resolve("data/import"));
            ProcessBuilder builder = new ProcessBuilder("bin/kc.sh", "start-dev", "--http-host", "127.0.0.1",
                    "--http-port", String.valueOf(port), "--db=dev-mem", "--import-realm")
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(home.getParent().resolve("keycloak.log").toFile());
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            adminPassword = "admin-" + port;
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            process = builder.start();
            waitUntilReady(URI.create(issuer + "/.well-known/openid-configuration"));
            return Map.of(
                    "hoist.oidc.issuer", issuer,
                    "hoist.oidc.client-secret", CLIENT_SECRET,
                    "quarkus.http.test-port", String.valueOf(hoistPort),
                    "quarkus.management.test-port", String.valueOf(freePort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeRealm(Path importDir) throws IOException {
        String realm;
        try (var in = KeycloakResource.class.getResourceAsStream("/keycloak/hoist-realm.json")) {
            realm = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String hoist = "http://localhost:" + hoistPort;
        realm = realm.replace("http://localhost:8080", hoist)
                .replace("replace-me-with-a-random-secret-of-at-least-32-characters", CLIENT_SECRET)
                .replace("\"sslRequired\": \"external\"", "\"sslRequired\": \"none\"");
        String user = """
                  "users": [
                    {
                      "username": "%s", "email": "%s@example.test", "emailVerified": true, "enabled": true,
                      "firstName": "Tessa", "lastName": "Keycloak",
                      "credentials": [ { "type": "password", "value": "%s", "temporary": false } ]
                    }
                  ],
                """.formatted(USER, USER, USER_PASSWORD);
        realm = realm.replaceFirst("\"clients\":", java.util.regex.Matcher.quoteReplacement(user) + "  \"clients\":");
        Files.createDirectories(importDir);
        Files.writeString(importDir.resolve("hoist-realm.json"), realm);
    }

    private void waitUntilReady(URI wellKnown) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see target/keycloak/keycloak.log");
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(wellKnown).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        stop();
        throw new IllegalStateException("Keycloak did not answer " + wellKnown + " within 3 minutes");
    }

    @Override
    public void stop() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy); // SIGTERM: Keycloak shuts down cleanly
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
