package dev.hoist.model;

/**
 * What was asked for does not exist, or the caller may not learn that it exists (a private
 * repository looks like no repository to outsiders). Each adapter answers it in its own format.
 */
public class NotFound extends RuntimeException {

    public NotFound() {
        super("not found", null, false, false);
    }
}
