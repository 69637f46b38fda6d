package dev.hoist.repo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What {@link MarkdownLimits} refuses, flattens and lets through; each within a CI-generous time. */
class ReadmeBoundsTest {

    private static final long MILLIS = 5_000;

    private final ReadmeRenderer renderer = new ReadmeRenderer();

    private ReadmeRenderer.Rendered timed(String markdown) {
        long start = System.nanoTime();
        ReadmeRenderer.Rendered rendered = renderer.attempt(markdown);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < MILLIS, "took " + millis + " ms");
        return rendered;
    }

    static Stream<String> quadratic() {
        return Stream.of("<".repeat(99990), "<a ".repeat(33000), "[a]: <".repeat(16000), "\n|".repeat(49000));
    }

    /** Runs commonmark scans again and again (from every <, every line of a paragraph): refused, quickly. */
    @ParameterizedTest
    @MethodSource("quadratic")
    void refusesWhatWouldCostTheSquareOfItsLength(String markdown) {
        ReadmeRenderer.Rendered rendered = timed(markdown);
        assertTrue(rendered.refused());
        assertFalse(rendered.passing());
        assertTrue(rendered.html().equals(ReadmeRenderer.REFUSED_HTML));
    }

    @Test
    void refusesEmphasisNestedThousandsDeepInsteadOfOverflowingTheStack() {
        ReadmeRenderer.Rendered rendered = timed("*".repeat(20000) + "a" + "*".repeat(20000));
        assertTrue(rendered.refused());
        assertTrue(rendered.problem().contains("levels deep"), rendered.problem());
    }

    @Test
    void flattensQuotesAndListsNestedDeeperThanTheLimit() {
        ReadmeRenderer.Rendered quotes = timed(">".repeat(5000) + " boom");
        assertFalse(quotes.refused());
        assertTrue(quotes.html().contains("boom"));
        int depth = quotes.html().split("<blockquote>", -1).length - 1;
        assertTrue(depth <= MarkdownLimits.MAX_OPEN_BLOCKS, "nested " + depth);

        ReadmeRenderer.Rendered lists = timed("1. ".repeat(30000) + "deep");
        assertFalse(lists.refused());
        assertTrue(lists.html().split("<ol>", -1).length - 1 <= MarkdownLimits.MAX_OPEN_BLOCKS);
    }

    /** No time bound: about 0.3 s of CPU (mostly the sanitizer), but CI machines may be very busy. */
    @Test
    void aLongOrdinaryReadmeStillRenders() {
        String section = """
                ## Usage

                Run `hoist serve` and open <https://localhost:8080>. See [the guide](docs/guide.md), **bold**,
                _emphasis_ and a list:

                - one
                  - nested *twice*
                    > quoted <b>html</b>

                | a | b |
                |---|---|
                | 1 | 2 |

                ```sh
                while true; do echo "<<<<<<< ours"; done
                ```

                """;
        String markdown = section.repeat(99_000 / section.length());
        ReadmeRenderer.Rendered rendered = renderer.attempt(markdown);
        assertFalse(rendered.refused(), rendered.problem());
        assertTrue(rendered.html().contains("<td>2</td>"));
        assertTrue(rendered.html().contains("<a href=\"https://localhost:8080\""), rendered.html().substring(0, 500));
    }
}
