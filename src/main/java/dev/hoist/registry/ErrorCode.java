package dev.hoist.registry;

/** The error codes of the OCI Distribution Specification, with the status each one answers. */
public enum ErrorCode {
    BLOB_UNKNOWN(404, "blob unknown to registry"),
    BLOB_UPLOAD_INVALID(400, "blob upload invalid"),
    BLOB_UPLOAD_UNKNOWN(404, "blob upload unknown to registry"),
    DIGEST_INVALID(400, "provided digest did not match uploaded content"),
    MANIFEST_BLOB_UNKNOWN(404, "manifest references a manifest or blob unknown to registry"),
    MANIFEST_INVALID(400, "manifest invalid"),
    MANIFEST_UNKNOWN(404, "manifest unknown to registry"),
    NAME_INVALID(400, "invalid repository name"),
    NAME_UNKNOWN(404, "repository name not known to registry"),
    SIZE_INVALID(400, "provided length did not match content length"),
    RANGE_INVALID(416, "invalid content range"),
    UNAUTHORIZED(401, "authentication required"),
    DENIED(403, "requested access to the resource is denied"),
    UNSUPPORTED(415, "the operation is unsupported"),
    TOOMANYREQUESTS(429, "too many requests"),
    MANIFEST_TOO_BIG(413, "manifest too large"),
    /** distribution's code for an {@code n} that is not a count (the OCI spec names no code for it). */
    PAGINATION_NUMBER_INVALID(400, "invalid number of results requested"),
    /** Not in the OCI list; the reference registry's code for 503, which clients retry. */
    UNAVAILABLE(503, "service unavailable");

    public final int status;
    public final String message;

    ErrorCode(int status, String message) {
        this.status = status;
        this.message = message;
    }

    /**
     * The code as written in error JSON; a manifest too large reuses the spec's SIZE_INVALID.
     * RANGE_INVALID is distribution's name for a 416, which clients act on by its status.
     */
    public String wireName() {
        return this == MANIFEST_TOO_BIG ? "SIZE_INVALID" : name();
    }
}
