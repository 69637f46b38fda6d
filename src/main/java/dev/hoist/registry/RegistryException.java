package dev.hoist.registry;


/** A registry request that fails with an OCI error code; written as error JSON by {@code RegistryErrors}. */
public class RegistryException extends RuntimeException {

    public final ErrorCode code;
    public final transient Object detail;
    /** Extra response headers, such as the WWW-Authenticate challenge of a 401. */
    public final transient java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

    public RegistryException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public RegistryException(ErrorCode code, String message, Object detail) {
        super(message == null ? code.message : message, null, false, false);
        this.code = code;
        this.detail = detail;
    }

    public RegistryException(ErrorCode code) {
        this(code, null, null);
    }

    public RegistryException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** A limit on what is held is DENIED; one that lifts by itself is TOOMANYREQUESTS with Retry-After. */
    public static RegistryException of(dev.hoist.quota.QuotaExceededException quota) {
        if (quota.retryAfter().isEmpty()) {
            return new RegistryException(ErrorCode.DENIED, quota.getMessage());
        }
        return new RegistryException(ErrorCode.TOOMANYREQUESTS, quota.getMessage())
                .header("Retry-After", Long.toString(quota.retryAfterSeconds()));
    }
}
