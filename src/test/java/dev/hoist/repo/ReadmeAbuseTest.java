package dev.hoist.repo;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.LogRecorder;
import dev.hoist.support.People;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The READMEs black-box attacks found: each cost seconds of CPU on every anonymous view, or made
 * the page a 500 for everyone with an 89 KB stack trace in the log per view. Saved through the
 * settings form, or stored before READMEs were rendered on save (as an upgrade finds them).
 */
@QuarkusTest
class ReadmeAbuseTest {

    /** Saving renders once, bounded: a few seconds at most even on a busy CI machine. */
    private static final long SAVE_MILLIS = 5_000;

    /**
     * A view renders nothing, so it costs what the page of a one-word README costs: measured on
     * the same machine at the same moment (CI machines may be busy), and at least 3 s. Before,
     * one view of the run of '<' alone took 4.5 to 6 s of CPU.
     */
    private static final long VIEW_MILLIS = 3_000;

    @Inject
    EntityManager em;

    /** Warnings and errors from anywhere (a 500's stack trace), and whatever README rendering says. */
    private final LogRecorder logged = new LogRecorder(record -> record.getLevel().intValue() >= Level.WARNING.intValue()
            || String.valueOf(record.getLoggerName()).startsWith("dev.hoist.repo"));

    @BeforeEach
    void record() {
        logged.start();
    }

    @AfterEach
    void stopRecording() {
        logged.stop();
    }

    private static String input(String name) {
        return switch (name) {
            case "runOfLessThan" -> "<".repeat(99990);
            case "dashes" -> "- ".repeat(49500);
            case "deepQuote" -> ">".repeat(5000) + " boom";
            // Not from the attacks: lists nested 33,000 deep on one line ("- - -" is a rule instead).
            case "deepList" -> "1. ".repeat(33000) + "boom";
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = { "runOfLessThan", "dashes", "deepQuote", "deepList" })
    void aPathologicalReadmeIsSavedQuicklyOrRefusedAndItsPageStaysCheap(String name) throws Exception {
        String me = Visitor.uniqueName("md");
        Visitor owner = People.verified(me);
        Repos.create(owner, me, "victim", false, "", "fine");
        String settings = "/r/" + me + "/victim/settings";

        long start = System.nanoTime();
        Response saved = owner.submit(settings, settings + "/description",
                Map.of("description", "", "readme", input(name), "action", "save"));
        long saveMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("%s: saving answered %d in %d ms%n", name, saved.statusCode(), saveMillis);
        assertTrue(saveMillis < SAVE_MILLIS, name + ": saving took " + saveMillis + " ms");
        if (saved.statusCode() == 400) {
            // Refused: a message next to the README field, and the old README stays.
            saved.then().body(containsString("id=\"readme-error\""));
            new Visitor().get("/r/" + me + "/victim").then().statusCode(200).body(containsString("fine"));
        } else {
            assertEquals(303, saved.statusCode(), name);
        }

        logged.clear();
        viewsAreCheap(owner, me, name);
        assertQuietLog(name, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = { "runOfLessThan", "dashes", "deepQuote", "deepList" })
    void aPathologicalReadmeStoredBeforeTheBoundsIsRenderedOnceAndNeverBreaksThePage(String name) throws Exception {
        String me = Visitor.uniqueName("mdold");
        Visitor owner = People.verified(me);
        Repos.create(owner, me, "victim", false, "", "fine");
        // As an upgrade finds it: the Markdown, and nothing rendered by this version.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE repositories SET readme = ?1, readme_renderer = 0 WHERE full_name = ?2")
                .setParameter(1, input(name)).setParameter(2, me + "/victim").executeUpdate());

        logged.clear();
        long start = System.nanoTime();
        new Visitor().get("/r/" + me + "/victim").then().statusCode(200);
        long firstMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("%s: first view, rendering the stored README, %d ms%n", name, firstMillis);
        assertTrue(firstMillis < SAVE_MILLIS, name + ": the first view took " + firstMillis + " ms");

        viewsAreCheap(owner, me, name);
        // At most the one line saying the README is stored as a notice, and never a stack trace.
        assertQuietLog(name, 1);
    }

    /** The settings page's preview renders what is typed: the same bounds, the same message. */
    @org.junit.jupiter.api.Test
    void thePreviewRefusesWhatSavingWould() {
        String me = Visitor.uniqueName("mdpre");
        Visitor owner = People.verified(me);
        Repos.create(owner, me, "victim", false, "", "fine");
        String settings = "/r/" + me + "/victim/settings";
        long start = System.nanoTime();
        owner.submit(settings, settings + "/description",
                Map.of("description", "", "readme", input("runOfLessThan"), "action", "preview"))
                .then().statusCode(400).body(containsString("id=\"readme-error\""));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < SAVE_MILLIS, "the preview took " + millis + " ms");
    }

    /** Six anonymous clients at once, three views each, every one answered with 200 as fast as a plain page. */
    private void viewsAreCheap(Visitor owner, String me, String name) throws Exception {
        Repos.create(owner, me, "plain", false, "", "fine");
        long plain = slowestOfBurst("/r/" + me + "/plain");
        long victim = slowestOfBurst("/r/" + me + "/victim");
        System.out.printf("%s: slowest of 18 views %d ms, of a plain page's %d ms%n", name, victim, plain);
        assertTrue(victim < Math.max(VIEW_MILLIS, 3 * plain), name + ": a view took " + victim + " ms, a plain one " + plain);
        new Visitor().get("/r/" + me + "/victim").then().statusCode(200).body(containsString("data-testid=\"readme\""));
    }

    private static long slowestOfBurst(String page) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<Long>> views = new ArrayList<>();
            for (int i = 0; i < 18; i++) {
                String path = page + (i % 3 == 2 ? "/tags" : "");
                views.add(clients.submit(() -> {
                    long start = System.nanoTime();
                    new Visitor().get(path).then().statusCode(200);
                    return (System.nanoTime() - start) / 1_000_000;
                }));
            }
            long slowest = 0;
            for (Future<Long> view : views) {
                slowest = Math.max(slowest, view.get());
            }
            return slowest;
        } finally {
            clients.shutdownNow();
        }
    }

    private void assertQuietLog(String name, int allowed) {
        List<LogRecord> lines = logged.records();
        assertTrue(lines.size() <= allowed, name + ": logged " + lines.stream().map(LogRecord::getMessage).toList());
        lines.forEach(line -> assertEquals(null, line.getThrown(), name + ": logged a stack trace"));
    }
}
