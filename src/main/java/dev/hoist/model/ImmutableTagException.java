package dev.hoist.model;

/**
 * A push or delete would change an immutable tag. Its message names the tag and the rule; the
 * registry answers it as {@code DENIED} (403), the JSON API as 403, pages as a message.
 */
public class ImmutableTagException extends RuntimeException {

    public ImmutableTagException(String tag, String rule) {
        super("the tag " + tag + " cannot be moved or deleted: " + rule, null, false, false);
    }
}
