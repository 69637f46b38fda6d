package dev.hoist.registry;

import static dev.hoist.registry.Cli.run;
import static dev.hoist.registry.Cli.tempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoist.support.Browser;
import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The registry issue's "done when", as a person does it: make a token in the browser, {@code docker login} with it,
 * push and pull with skopeo and podman on the credentials docker saved, and find the tags on the repository page.
 */
@QuarkusTest
class UserJourneyTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void tokenFromTheBrowserPushesAndPullsWithEveryClient() throws Exception {
        String me = Visitor.uniqueName("jour");
        People.verified(me);
        String host = base.getHost() + ":" + base.getPort();
        String repo = host + "/" + me + "/app";
        Path home = tempDir("journey-home");
        Path authFile = home.resolve(".docker/config.json");

        String token;
        try (Browser browser = new Browser(base.toString())) {
            browser.signIn(me, "password123").open("/settings/tokens")
                    .fill("Description", "laptop").choose("Access", "Read & Write").press("Generate token");
            token = browser.driver().findElement(By.cssSelector("[data-testid=new-token]")).getAttribute("value");
        }
        assertTrue(token.startsWith("hoist_pat_"), token);

        String login = Cli.runWithInput(home, token, "docker", "login", host, "-u", me, "--password-stdin");
        assertTrue(login.contains("Login Succeeded"), login);
        assertTrue(Files.readString(authFile).contains(host), "docker saved the credentials for " + host);

        Path layout = tempDir("journey-oci");
        OciLayout.Image image = OciLayout.write(layout, "v1", 200_000);
        run(home, "skopeo", "--insecure-policy", "copy", "--dest-tls-verify=false", "--authfile", authFile.toString(),
                "oci:" + layout + ":v1", "docker://" + repo + ":v1");

        try (Cli.Podman podman = new Cli.Podman(home)) {
            podman.run("pull", "--tls-verify=false", "--authfile", authFile.toString(), repo + ":v1");
            podman.run("tag", repo + ":v1", repo + ":v2");
            podman.run("push", "--tls-verify=false", "--authfile", authFile.toString(), repo + ":v2");
        }

        Path back = tempDir("journey-back");
        run(home, "skopeo", "--insecure-policy", "copy", "--src-tls-verify=false", "--authfile", authFile.toString(),
                "docker://" + repo + ":v2", "oci:" + back + ":v2");
        JsonNode index = OciLayout.JSON.readTree(Files.readAllBytes(back.resolve("index.json")));
        String pulled = index.path("manifests").get(0).path("digest").asText();
        JsonNode manifest = OciLayout.JSON.readTree(Files.readAllBytes(back.resolve("blobs/sha256/" + pulled.substring(7))));
        // podman may rewrite the manifest's format on push, never the layer.
        assertEquals(image.layer().digest(), manifest.path("layers").get(0).path("digest").asText());

        try (Browser browser = new Browser(base.toString())) {
            String tags = browser.open("/r/" + me + "/app/tags").text();
            assertTrue(tags.contains("v1") && tags.contains("v2"), tags);
            assertTrue(tags.contains(image.manifestDigest().substring(7, 19)), tags);
            String forLabel = browser.driver().findElement(By.xpath("//label[normalize-space()='Pull command for v2']"))
                    .getAttribute("for");
            String pullCommand = browser.driver().findElement(By.id(forLabel)).getAttribute("value");
            assertTrue(pullCommand.startsWith("docker pull ") && pullCommand.endsWith("/" + me + "/app:v2"), pullCommand);
            assertTrue(tags.contains("linux/amd64"), tags);
        }
        Cli.deleteTree(home);
        Cli.deleteTree(layout);
        Cli.deleteTree(back);
    }
}
