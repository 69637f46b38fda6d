package dev.hoist.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** A refusal of the JSON API: its status, the sentence for {@code detail} and {@code message}, and headers. */
public class ApiException extends RuntimeException {

    public final int status;
    public final transient Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    public ApiException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, detail);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, detail).header("WWW-Authenticate", "Bearer realm=\"Hoist API\"");
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, detail);
    }
}
