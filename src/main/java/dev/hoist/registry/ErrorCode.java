package dev.hoist.registry;

/** The error codes of the OCI Distribution Specification (the status each answers is {@code registry.api}'s business). */
public enum ErrorCode {
    BLOB_UNKNOWN("blob unknown to registry"),
    BLOB_UPLOAD_INVALID("blob upload invalid"),
    BLOB_UPLOAD_UNKNOWN("blob upload unknown to registry"),
    DIGEST_INVALID("provided digest did not match uploaded content"),
    MANIFEST_BLOB_UNKNOWN("manifest references a manifest or blob unknown to registry"),
    MANIFEST_INVALID("manifest invalid"),
    MANIFEST_UNKNOWN("manifest unknown to registry"),
    NAME_INVALID("invalid repository name"),
    NAME_UNKNOWN("repository name not known to registry"),
    SIZE_INVALID("provided length did not match content length"),
    RANGE_INVALID("invalid content range"),
    UNAUTHORIZED("authentication required"),
    DENIED("requested access to the resource is denied"),
    UNSUPPORTED("the operation is unsupported"),
    TOOMANYREQUESTS("too many requests"),
    MANIFEST_TOO_BIG("manifest too large"),
    /** distribution's code for an {@code n} that is not a count (the OCI spec names no code for it). */
    PAGINATION_NUMBER_INVALID("invalid number of results requested"),
    /** Not in the OCI list; the reference registry's code for 503, which clients retry. */
    UNAVAILABLE("service unavailable");

    public final String message;

    ErrorCode(String message) {
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
