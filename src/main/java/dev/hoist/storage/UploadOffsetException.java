package dev.hoist.storage;

/**
 * A chunk that does not start where the upload ends. Nothing was written; the client resumes from
 * {@link #currentSize()} (the registry answers 416 with that range).
 */
public class UploadOffsetException extends BlobStoreException {

    private final String uploadId;
    private final long currentSize;

    public UploadOffsetException(String uploadId, long expectedOffset, long currentSize) {
        super("Upload " + uploadId + " has " + currentSize + " bytes; a chunk at offset " + expectedOffset
                + " does not follow them");
        this.uploadId = uploadId;
        this.currentSize = currentSize;
    }

    public String uploadId() {
        return uploadId;
    }

    public long currentSize() {
        return currentSize;
    }
}
