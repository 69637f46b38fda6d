package dev.hoist.platform;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.HoistProcess;
import dev.hoist.support.PostgresResource;
import dev.hoist.support.Visitor;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, run the way the README says: alone on its embedded PostgreSQL, and as two
 * copies on one shared PostgreSQL. Run by failsafe after the jar is built.
 */
class StandaloneIT {

    private static Path newWorkDir() throws Exception {
        return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "hoist-it");
    }

    /** Postgres processes still running on {@code dataDir}. */
    private static List<ProcessHandle> postgresOn(Path dataDir) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(dataDir.toString())).orElse(false))
                .toList();
    }

    @Test
    void theEmbeddedDefaultKeepsItsDataAndStopsItsPostgres() throws Exception {
        Path workDir = newWorkDir();
        Path dataDir = workDir.resolve("data/postgres");
        String name = Visitor.uniqueName("solo");
        Visitor visitor;

        try (HoistProcess hoist = HoistProcess.start(workDir, Map.of())) {
            assertTrue(Files.exists(dataDir.resolve("PG_VERSION")), "data under ./data/postgres");
            assertFalse(postgresOn(dataDir).isEmpty(), "the embedded postgres runs");
            visitor = new Visitor(hoist.baseUri()).signUp(name);
            hoist.stop("TERM");
        }
        assertEquals(List.of(), postgresOn(dataDir), "no postgres left after SIGTERM");
        assertFalse(Files.exists(dataDir.resolve("postmaster.pid")), "postgres shut down cleanly");

        try (HoistProcess hoist = HoistProcess.start(workDir, Map.of())) {
            // The account is still there, and the session cookie made before the restart still works.
            Visitor sameBrowser = new Visitor(hoist.baseUri()).withCookie("hoist_session", visitor.cookie("hoist_session"));
            sameBrowser.get("/settings").then().statusCode(200).body(containsString(name + "@example.test"));
            hoist.stop("INT");
        }
        assertEquals(List.of(), postgresOn(dataDir), "no postgres left after Ctrl-C");
    }

    @Test
    void aManagementPortOfZeroIsRefusedAtStartWithAMessage() throws Exception {
        Path workDir = newWorkDir();

        // Port 0 once made Quarkus's server start hang: Hoist answered, but ignored SIGTERM.
        AssertionError exited = assertThrows(AssertionError.class,
                () -> HoistProcess.start(workDir, Map.of("QUARKUS_MANAGEMENT_PORT", "0")).close());

        assertTrue(exited.getMessage().startsWith("Hoist exited with 1"), exited.getMessage());
        assertThat(Files.readString(workDir.resolve("hoist.log")),
                containsString("QUARKUS_MANAGEMENT_PORT=0 is not supported"));
        assertEquals(List.of(), postgresOn(workDir.resolve("data/postgres")), "its postgres stopped too");
    }

    @Test
    void twoCopiesOnOneDatabaseShareSessionsAndStartNoPostgres() throws Exception {
        try (EmbeddedPostgres postgres = PostgresResource.startThrowaway()) {
            Map<String, String> external = Map.of(
                    "QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"),
                    "QUARKUS_DATASOURCE_USERNAME", "postgres",
                    "QUARKUS_DATASOURCE_PASSWORD", "");
            Path dirA = newWorkDir();
            Path dirB = newWorkDir();
            try (HoistProcess a = HoistProcess.start(dirA, external); HoistProcess b = HoistProcess.start(dirB, external)) {
                assertFalse(Files.exists(dirA.resolve("data")), "an external database means no embedded one");
                assertFalse(Files.exists(dirB.resolve("data")));

                String name = Visitor.uniqueName("pair");
                Visitor onA = new Visitor(a.baseUri()).signUp(name);
                Visitor onB = new Visitor(b.baseUri())
                        .withCookie("hoist_session", onA.cookie("hoist_session"));

                onB.get("/settings").then().statusCode(200).body(containsString(name + "@example.test"));
                // A form opened on one copy can be sent to the other.
                String token = onA.get("/settings").asString().replaceAll("(?s).*name=\"csrf-token\" value=\"([^\"]*)\".*", "$1");
                onB.post("/logout", Map.of("csrf-token", token)).then().statusCode(303);
                // Signing out on B ended the session for A too: it lives in the shared database.
                onA.get("/settings").then().statusCode(303);
            }
        }
    }
}
