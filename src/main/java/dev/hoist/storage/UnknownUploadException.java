package dev.hoist.storage;

/** No upload has this id: never started, already committed or cancelled, purged, or not a valid id. */
public class UnknownUploadException extends BlobStoreException {

    private final String uploadId;

    public UnknownUploadException(String uploadId) {
        super("No upload " + uploadId);
        this.uploadId = uploadId;
    }

    public String uploadId() {
        return uploadId;
    }
}
