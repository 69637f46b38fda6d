package dev.hoist.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** skopeo, podman and the docker CLI (installed from apt) against the Hoist under test. */
@QuarkusTest
class RealClientsTest {

    @TestHTTPResource("/")
    URL base;

    private String host() {
        return base.getHost() + ":" + base.getPort();
    }

    private static Path tempDir(String prefix) throws IOException {
        return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), prefix);
    }

    /** Runs a command, returns its output; fails the test with the output if it exits non-zero. */
    private static String run(Path home, String... command) throws Exception {
        Result result = tryRun(home, command);
        if (result.exit() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + result.exit() + ":\n" + result.output());
        }
        return result.output();
    }

    record Result(int exit, String output) {
    }

    private static Result tryRun(Path home, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        builder.environment().put("DOCKER_CONFIG", home.resolve(".docker").toString());
        builder.environment().put("REGISTRY_AUTH_FILE", home.resolve("auth.json").toString());
        builder.environment().put("XDG_RUNTIME_DIR", home.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " timed out");
        }
        return new Result(process.exitValue(), output);
    }

    @Test
    void skopeoCopiesInspectsListsCopiesBackAndDeletes() throws Exception {
        String me = Visitor.uniqueName("sko");
        People.verified(me);
        Path home = tempDir("skopeo-home");
        Path layout = tempDir("oci-in");
        OciLayout.Image image = OciLayout.write(layout, "v1", 300_000);
        String ref = "docker://" + host() + "/" + me + "/tool:v1";
        String creds = me + ":password123";

        run(home, "skopeo", "--insecure-policy", "copy", "--dest-tls-verify=false", "--dest-creds", creds,
                "oci:" + layout + ":v1", ref);

        JsonNode inspect = OciLayout.JSON.readTree(run(home, "skopeo", "inspect", "--tls-verify=false", "--creds", creds, ref));
        assertEquals(image.manifestDigest(), inspect.path("Digest").asText());
        assertEquals("linux", inspect.path("Os").asText());
        JsonNode tags = OciLayout.JSON.readTree(run(home, "skopeo", "list-tags", "--tls-verify=false", "--creds", creds,
                "docker://" + host() + "/" + me + "/tool"));
        assertEquals("v1", tags.path("Tags").get(0).asText());

        Path back = tempDir("oci-out");
        run(home, "skopeo", "--insecure-policy", "copy", "--src-tls-verify=false", "--src-creds", creds, ref, "oci:" + back + ":v1");
        JsonNode index = OciLayout.JSON.readTree(Files.readAllBytes(back.resolve("index.json")));
        assertEquals(image.manifestDigest(), index.path("manifests").get(0).path("digest").asText());
        assertTrue(Files.exists(back.resolve("blobs/sha256/" + image.layer().digest().substring(7))));

        // Anonymous readers can pull the public image, and cannot delete it.
        run(home, "skopeo", "inspect", "--tls-verify=false", "--no-creds", ref);
        assertNotEquals(0, tryRun(home, "skopeo", "delete", "--tls-verify=false", "--no-creds", ref).exit());
        run(home, "skopeo", "delete", "--tls-verify=false", "--creds", creds, ref);
        assertNotEquals(0, tryRun(home, "skopeo", "inspect", "--tls-verify=false", "--creds", creds, ref).exit());
    }

    @Test
    void podmanLogsInPushesAndPulls() throws Exception {
        String me = Visitor.uniqueName("pod");
        People.verified(me);
        Path home = tempDir("podman-home");
        Path layout = tempDir("oci-pod");
        OciLayout.write(layout, "v1", 50_000);
        // podman's image store lives under the test's temp dir, so nothing is left outside target/.
        Path storage = tempDir("podman-storage");
        // podman wants a run root of at most 50 characters: a short one in the system temp directory.
        Path runRoot = Files.createTempDirectory(Path.of("/tmp"), "hoist-podman");
        List<String> podman = new ArrayList<>(List.of("podman", "--root", storage.resolve("root").toString(),
                "--runroot", runRoot.toString(), "--storage-driver", "vfs"));
        try {
            podmanJourney(home, layout, podman, me);
        } finally {
            tryRun(home, concat(podman, "system", "reset", "--force"));
            deleteTree(runRoot);
        }
    }

    private void podmanJourney(Path home, Path layout, List<String> podman, String me) throws Exception {

        run(home, concat(podman, "login", "--tls-verify=false", "-u", me, "-p", "password123", host()));
        assertNotEquals(0, tryRun(home, concat(podman, "login", "--tls-verify=false", "-u", me, "-p", "wrong-password",
                host())).exit());
        // The first image arrives with skopeo; podman pulls it, renames it and pushes it back.
        run(home, "skopeo", "--insecure-policy", "copy", "--dest-tls-verify=false", "--dest-creds", me + ":password123",
                "oci:" + layout + ":v1", "docker://" + host() + "/" + me + "/source:v1");
        run(home, concat(podman, "pull", "--tls-verify=false", host() + "/" + me + "/source:v1"));
        run(home, concat(podman, "tag", host() + "/" + me + "/source:v1", host() + "/" + me + "/podded:v1"));
        run(home, concat(podman, "push", "--tls-verify=false", host() + "/" + me + "/podded:v1"));
        run(home, concat(podman, "rmi", "-a", "-f"));
        run(home, concat(podman, "pull", "--tls-verify=false", host() + "/" + me + "/podded:v1"));
        assertTrue(run(home, concat(podman, "images", "--format", "{{.Repository}}:{{.Tag}}")).contains(me + "/podded"));
    }

    @Test
    void dockerLoginWorksWithoutADaemon() throws Exception {
        String me = Visitor.uniqueName("dock");
        People.verified(me);
        Path home = tempDir("docker-home");

        String out = run(home, "docker", "login", host(), "-u", me, "-p", "password123");
        assertTrue(out.contains("Login Succeeded"), out);
        Result wrong = tryRun(home, "docker", "login", host(), "-u", me, "-p", "not-the-password");
        assertNotEquals(0, wrong.exit(), wrong.output());
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String[] concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }
}
