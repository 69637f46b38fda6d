package dev.hoist.storage;

/** No blob is stored under this digest. */
public class BlobNotFoundException extends BlobStoreException {

    private final Digest digest;

    public BlobNotFoundException(Digest digest) {
        super("No blob " + digest);
        this.digest = digest;
    }

    public Digest digest() {
        return digest;
    }
}
