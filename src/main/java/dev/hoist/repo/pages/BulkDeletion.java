package dev.hoist.repo.pages;

import dev.hoist.model.ImmutableTagException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Deletes tags one by one and says in one message which went, which are immutable, which were gone already. */
final class BulkDeletion {

    private BulkDeletion() {
    }

    /** {@code delete} answers whether the tag existed, or throws {@link ImmutableTagException}. */
    static String run(List<String> tags, Predicate<String> delete) {
        List<String> deleted = new ArrayList<>();
        List<String> immutable = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        String rule = null;
        for (String tag : tags) {
            try {
                (delete.test(tag) ? deleted : missing).add(tag);
            } catch (ImmutableTagException e) {
                immutable.add(tag);
                rule = e.getMessage();
            }
        }
        List<String> parts = new ArrayList<>();
        if (!deleted.isEmpty()) {
            parts.add((deleted.size() == 1 ? "Deleted the tag " : "Deleted " + deleted.size() + " tags: ")
                    + String.join(", ", deleted) + ".");
        }
        if (immutable.size() == 1) {
            parts.add("Not deleted: " + capitalized(rule) + ".");
        } else if (!immutable.isEmpty()) {
            parts.add("Not deleted, immutable: " + String.join(", ", immutable) + ".");
        }
        if (!missing.isEmpty()) {
            parts.add((missing.size() == 1 ? "There is no tag " : "There are no tags ") + String.join(", ", missing) + ".");
        }
        return String.join(" ", parts);
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
