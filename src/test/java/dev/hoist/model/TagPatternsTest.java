package dev.hoist.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TagPatternsTest {

    @Test
    void wildcardsMatchWholeTags() {
        assertTrue(TagPatterns.matches("v*", "v1.2.3"));
        assertTrue(TagPatterns.matches("v*", "v"));
        assertFalse(TagPatterns.matches("v*", "1v"));
        assertTrue(TagPatterns.matches("release-*", "release-2024"));
        assertFalse(TagPatterns.matches("release-*", "release"));
        assertTrue(TagPatterns.matches("1.?.*", "1.2.0"));
        assertFalse(TagPatterns.matches("1.?", "1.22"));
        assertTrue(TagPatterns.matches("*-rc*", "2.0-rc1"));
        assertTrue(TagPatterns.matches("latest", "latest"));
        assertFalse(TagPatterns.matches("latest", "latest2"));
        // Docker Hub's regular expressions read the same: ".*" is "*".
        assertTrue(TagPatterns.matches("v.*", "v1"));
        assertTrue(TagPatterns.matches(".*-RELEASE", "2-RELEASE"));
        assertFalse(TagPatterns.matches(".*-RELEASE", "2-release"));
    }

    @Test
    void hostilePatternsAreRefusedOrCheap() {
        for (String bad : List.of("(a+)+$", "v\u0000", "a b", "x".repeat(129), "ns/tag", "[a-z]*", "é*")) {
            assertThrows(InvalidInputException.class, () -> TagPatterns.parse("rules", List.of(bad)), bad);
        }
        assertThrows(InvalidInputException.class, () -> TagPatterns.parse("rules",
                java.util.stream.IntStream.range(0, 21).mapToObj(i -> "t" + i).toList()));
        assertEquals(List.of("v*"), TagPatterns.parse("rules", List.of(" v* ", "", "v*")).list());
        // The worst case for a matcher that backtracks: many stars, a near miss, the longest tag.
        String stars = "*a".repeat(64);
        String tag = "a".repeat(127) + "b";
        assertTimeoutPreemptively(Duration.ofMillis(200), () -> {
            for (int i = 0; i < 1000; i++) {
                assertFalse(TagPatterns.matches(stars + "c", tag));
            }
        });
    }

    @Test
    void theRuleIsNamed() {
        ImmutableTags some = new ImmutableTags(true, TagPatterns.parse("r", List.of("v*", "stable")));
        assertEquals(Optional.of("tags matching \"stable\" are immutable"), some.ruleFor("stable"));
        assertEquals(Optional.empty(), some.ruleFor("latest"));
        assertTrue(new ImmutableTags(true, TagPatterns.none()).protects("anything"));
        assertFalse(new ImmutableTags(false, TagPatterns.parse("r", List.of("*"))).protects("anything"));
        assertEquals(List.of("v*", "stable"), TagPatterns.stored(some.patterns().toStored()).list());
    }
}
