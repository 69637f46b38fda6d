package dev.hoist.registry;

import static dev.hoist.registry.Cli.run;
import static dev.hoist.registry.Cli.tempDir;
import static dev.hoist.registry.Cli.tryRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** skopeo, podman and the docker CLI (installed from apt) against the Hoist under test. */
@QuarkusTest
class RealClientsTest {

    @TestHTTPResource("/")
    URL base;

    private String host() {
        return base.getHost() + ":" + base.getPort();
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
        try (Cli.Podman podman = new Cli.Podman(home)) {
            podman.run("login", "--tls-verify=false", "-u", me, "-p", "password123", host());
            assertNotEquals(0, podman.tryRun("login", "--tls-verify=false", "-u", me, "-p", "wrong-password", host()).exit());
            // The first image arrives with skopeo; podman pulls it, renames it and pushes it back.
            run(home, "skopeo", "--insecure-policy", "copy", "--dest-tls-verify=false", "--dest-creds", me + ":password123",
                    "oci:" + layout + ":v1", "docker://" + host() + "/" + me + "/source:v1");
            podman.run("pull", "--tls-verify=false", host() + "/" + me + "/source:v1");
            podman.run("tag", host() + "/" + me + "/source:v1", host() + "/" + me + "/podded:v1");
            podman.run("push", "--tls-verify=false", host() + "/" + me + "/podded:v1");
            podman.run("rmi", "-a", "-f");
            podman.run("pull", "--tls-verify=false", host() + "/" + me + "/podded:v1");
            assertTrue(podman.run("images", "--format", "{{.Repository}}:{{.Tag}}").contains(me + "/podded"));
        }
    }

    @Test
    void dockerLoginWorksWithoutADaemon() throws Exception {
        String me = Visitor.uniqueName("dock");
        People.verified(me);
        Path home = tempDir("docker-home");

        String out = run(home, "docker", "login", host(), "-u", me, "-p", "password123");
        assertTrue(out.contains("Login Succeeded"), out);
        Cli.Result wrong = tryRun(home, "docker", "login", host(), "-u", me, "-p", "not-the-password");
        assertNotEquals(0, wrong.exit(), wrong.output());
    }
}
