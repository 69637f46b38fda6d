package dev.hoist.storage;

/** The bytes received hash to another digest than the client announced; they were thrown away. */
public class DigestMismatchException extends BlobStoreException {

    private final Digest expected;
    private final Digest actual;

    public DigestMismatchException(Digest expected, Digest actual) {
        super("The content's digest is " + actual + ", not " + expected);
        this.expected = expected;
        this.actual = actual;
    }

    public Digest expected() {
        return expected;
    }

    public Digest actual() {
        return actual;
    }
}
