package dev.hoist.storage;

/** A request the blob store refuses; each subclass is one registry error code. I/O failures are not these. */
public abstract class BlobStoreException extends RuntimeException {

    protected BlobStoreException(String message) {
        super(message);
    }
}
