package dev.hoist.model;

import java.util.Optional;

/**
 * A repository's tag immutability: off, on for every tag (no patterns), or on for the tags that
 * match any of {@code patterns}. An immutable tag is never moved to another manifest or deleted.
 */
public record ImmutableTags(boolean enabled, TagPatterns patterns) {

    public static final ImmutableTags OFF = new ImmutableTags(false, TagPatterns.none());

    public static ImmutableTags of(Repo repo) {
        return new ImmutableTags(repo.immutableTags, TagPatterns.stored(repo.immutableTagRules));
    }

    public boolean allTags() {
        return enabled && patterns.isEmpty();
    }

    /** The rule that makes {@code tag} immutable, in words for a refusal, or empty when it is mutable. */
    public Optional<String> ruleFor(String tag) {
        if (!enabled) {
            return Optional.empty();
        }
        if (patterns.isEmpty()) {
            return Optional.of("all tags of this repository are immutable");
        }
        return patterns.firstMatch(tag).map(p -> "tags matching \"" + p + "\" are immutable");
    }

    public boolean protects(String tag) {
        return ruleFor(tag).isPresent();
    }
}
