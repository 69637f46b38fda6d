package dev.hoist.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tag patterns, as immutability and retention rules name tags: the characters of a tag
 * ({@code [A-Za-z0-9_.-]}) match themselves, {@code *} matches any run of them (empty too) and
 * {@code ?} exactly one. Docker Hub writes its rules as regular expressions ({@code v.*},
 * {@code .*-RELEASE}); so that those work unchanged, {@code .*} means the same as {@code *}
 * (which makes {@code v.*} also protect {@code v1}: a rule errs towards protecting more).
 *
 * <p>No regular expression engine: matching is a linear scan with one remembered star, at most
 * length × length steps for the bounded lengths below, so no pattern can make matching slow.
 */
public final class TagPatterns {

    public static final int MAX_PATTERNS = 20;
    public static final int MAX_LENGTH = 128;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.*?-]+");

    private final List<String> patterns;

    private TagPatterns(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    public static TagPatterns none() {
        return new TagPatterns(List.of());
    }

    /**
     * The patterns as typed (blank entries dropped, duplicates kept once), or an
     * {@link InvalidInputException} on {@code field} naming the first bad one.
     */
    public static TagPatterns parse(String field, Collection<String> typed) {
        LinkedHashSet<String> kept = new LinkedHashSet<>();
        for (String raw : typed) {
            String pattern = raw == null ? "" : raw.strip();
            if (pattern.isEmpty()) {
                continue;
            }
            if (pattern.length() > MAX_LENGTH) {
                throw InvalidInputException.of(field, "A pattern is at most " + MAX_LENGTH + " characters.");
            }
            if (!ALLOWED.matcher(pattern).matches()) {
                throw InvalidInputException.of(field, "A pattern holds only letters, digits, _ . - and the wildcards * and ?.");
            }
            kept.add(pattern);
            if (kept.size() > MAX_PATTERNS) {
                throw InvalidInputException.of(field, "At most " + MAX_PATTERNS + " patterns.");
            }
        }
        return new TagPatterns(new ArrayList<>(kept));
    }

    /** Patterns stored one a line (they never hold a line break); anything unreadable is left out. */
    public static TagPatterns stored(String lines) {
        if (lines == null || lines.isEmpty()) {
            return none();
        }
        return new TagPatterns(List.of(lines.split("\n")).stream()
                .filter(p -> !p.isEmpty() && p.length() <= MAX_LENGTH && ALLOWED.matcher(p).matches()).toList());
    }

    public String toStored() {
        return String.join("\n", patterns);
    }

    public List<String> list() {
        return patterns;
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** The first pattern that matches the whole of {@code tag}. */
    public Optional<String> firstMatch(String tag) {
        return patterns.stream().filter(p -> matches(p, tag)).findFirst();
    }

    /** Whether {@code pattern} matches the whole of {@code text}. */
    public static boolean matches(String pattern, String text) {
        String p = pattern.replace(".*", "*");
        int pi = 0;
        int ti = 0;
        int star = -1;
        int resume = 0;
        while (ti < text.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == text.charAt(ti))) {
                pi++;
                ti++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                resume = ti;
            } else if (star >= 0) {
                pi = star + 1;
                ti = ++resume;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }
}
