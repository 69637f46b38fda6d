package dev.hoist.model;

import java.util.List;

/**
 * A retention policy's rules: keep the {@code keepLast} most recently pushed tags matching
 * {@code keepPattern} (a {@link TagPatterns} pattern) and delete the older ones; delete tags not
 * pulled (nor pushed) for {@code unpulledDays}; delete manifests without tags older than
 * {@code untaggedDays}. A null rule is off. Whatever the rules, nothing pushed less than
 * {@code graceDays} ago is deleted, and immutable tags never are.
 */
public record RetentionRules(boolean enabled, String keepPattern, Integer keepLast, Integer unpulledDays,
        Integer untaggedDays, int graceDays) {

    public static final int MAX_KEEP = 100_000;
    public static final int MAX_DAYS = 36_500;
    public static final int DEFAULT_GRACE_DAYS = 7;

    public static final RetentionRules NONE = new RetentionRules(false, "*", null, null, null, DEFAULT_GRACE_DAYS);

    public boolean hasRules() {
        return keepLast != null || unpulledDays != null || untaggedDays != null;
    }

    /** The rules as typed in a form (blank: off); field errors name the form's fields. */
    public static RetentionRules parse(boolean enabled, String keepPattern, String keepLast, String unpulledDays,
            String untaggedDays, String graceDays) {
        FieldErrors errors = new FieldErrors();
        String pattern = keepPattern == null || keepPattern.isBlank() ? "*" : keepPattern.strip();
        try {
            pattern = TagPatterns.parse("keepPattern", List.of(pattern)).list().get(0);
        } catch (InvalidInputException e) {
            errors.add("keepPattern", e.errors().get("keepPattern"));
        }
        Integer keep = number(errors, "keepLast", keepLast, MAX_KEEP);
        Integer unpulled = number(errors, "unpulledDays", unpulledDays, MAX_DAYS);
        Integer untagged = number(errors, "untaggedDays", untaggedDays, MAX_DAYS);
        Integer grace = number(errors, "graceDays", graceDays, MAX_DAYS);
        RetentionRules rules = new RetentionRules(enabled, pattern, keep, unpulled, untagged,
                grace == null ? DEFAULT_GRACE_DAYS : grace);
        if (enabled && !rules.hasRules() && errors.isEmpty()) {
            errors.add("keepLast", "Set at least one rule before switching the policy on.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return rules;
    }

    private static Integer number(FieldErrors errors, String field, String typed, int max) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String text = typed.strip();
        if (!text.matches("[0-9]{1,9}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > max) {
            errors.add(field, "A whole number from 1 to " + max + ", or empty for none.");
            return null;
        }
        return Integer.parseInt(text);
    }
}
