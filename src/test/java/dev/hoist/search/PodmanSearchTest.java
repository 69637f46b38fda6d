package dev.hoist.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoist.support.People;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real {@code podman search} (from apt) against Hoist's /v1/search. podman sends no
 * credentials to /v1/search, even after {@code podman login}, so it sees public images only;
 * credentials on /v1/search are tested over HTTP in VisibilityTest.
 */
@QuarkusTest
class PodmanSearchTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void podmanFindsOfficialAndUserImagesButNotPrivateOnes() throws Exception {
        String word = Visitor.uniqueName("pd");
        String owner = Visitor.uniqueName("po");
        Visitor ownerVisitor = People.verified(owner);
        Repos.create(People.siteAdmin(), "library", word, false, "The official " + word, "");
        Repos.create(ownerVisitor, owner, word + "-tools", false, "Tools for " + word, "");
        Repos.create(ownerVisitor, owner, word + "-secret", true, "Private " + word, "");
        Repos.popularity(owner, word + "-tools", 7, 100);
        Repos.popularity(owner, word + "-secret", 3, 10);

        String host = base.getHost() + ":" + base.getPort();
        Path home = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "podman-search");
        // podman refuses a REGISTRY_AUTH_FILE that does not exist; an empty one means "not logged in".
        Files.writeString(home.resolve("auth.json"), "{\"auths\":{}}");
        String official = host + "/" + word + "|The official " + word + "|0|[OK]";
        String tools = host + "/" + owner + "/" + word + "-tools|Tools for " + word + "|7|";

        assertEquals(List.of(official, tools), search(home, host + "/" + word));
        assertEquals(List.of(tools), search(home, host + "/" + owner + "/" + word + "-tools"));
    }

    private static List<String> search(Path home, String term) throws Exception {
        return podman(home, "search", "--tls-verify=false", "--no-trunc",
                "--format", "{{.Name}}|{{.Description}}|{{.Stars}}|{{.Official}}", term).lines()
                .filter(l -> !l.isBlank()).toList();
    }

    /** Runs podman with its files under {@code home}, so that nothing is left outside target/. */
    private static String podman(Path home, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("podman", "--root", home.resolve("root").toString(),
                "--storage-driver", "vfs"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        builder.environment().put("REGISTRY_AUTH_FILE", home.resolve("auth.json").toString());
        builder.environment().put("XDG_RUNTIME_DIR", home.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("podman " + String.join(" ", args) + " timed out");
        }
        assertEquals(0, process.exitValue(), "podman " + String.join(" ", args) + ":\n" + output);
        return output;
    }
}
