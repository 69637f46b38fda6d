package dev.hoist.model;

/** The caller may see the thing but not do this to it. Each adapter answers it in its own format. */
public class Forbidden extends RuntimeException {

    public Forbidden() {
        super("forbidden", null, false, false);
    }
}
