package dev.hoist.registry.api;

import dev.hoist.registry.ErrorCode;
import dev.hoist.registry.Registry;
import dev.hoist.registry.RegistryException;
import dev.hoist.registry.RegistryException.TokenChallenge;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refused registry request as the distribution specification writes it: the status of its code,
 * the headers that tell the client how to go on, and {@code {"errors":[{"code","message","detail"}]}}.
 */
@ApplicationScoped
public class ErrorResponses {

    @Inject
    Registry registry;

    public static int status(ErrorCode code) {
        return switch (code) {
            case BLOB_UNKNOWN, BLOB_UPLOAD_UNKNOWN, MANIFEST_BLOB_UNKNOWN, MANIFEST_UNKNOWN, NAME_UNKNOWN -> 404;
            case BLOB_UPLOAD_INVALID, DIGEST_INVALID, MANIFEST_INVALID, NAME_INVALID, SIZE_INVALID,
                    PAGINATION_NUMBER_INVALID -> 400;
            case RANGE_INVALID -> 416;
            case UNAUTHORIZED -> 401;
            case DENIED -> 403;
            case UNSUPPORTED -> 415;
            case TOOMANYREQUESTS -> 429;
            case MANIFEST_TOO_BIG -> 413;
            case UNAVAILABLE -> 503;
        };
    }

    /** The headers of the refusal; {@code requestBase} is where the request came to, for the token realm. */
    public Map<String, String> headers(RegistryException e, URI requestBase) {
        Map<String, String> headers = new LinkedHashMap<>();
        e.retryAfter().ifPresent(wait -> headers.put("Retry-After", String.valueOf(Math.max(1, wait.toSeconds()))));
        e.challenge().ifPresent(challenge -> headers.put("WWW-Authenticate", challenge(challenge, requestBase)));
        e.blobSize().ifPresent(size -> headers.put("Content-Range", "bytes */" + size));
        e.upload().ifPresent(upload -> {
            headers.put("Location", "/v2/" + upload.repository() + "/blobs/uploads/" + upload.id());
            headers.put("Range", "0-" + Math.max(0, upload.size() - 1));
            headers.put("Docker-Upload-UUID", upload.id());
        });
        return headers;
    }

    private String challenge(RegistryException.Challenge challenge, URI requestBase) {
        if (challenge instanceof TokenChallenge token) {
            return "Bearer realm=\"" + registry.realm(requestBase) + "\",service=\"" + registry.service() + "\""
                    + (token.scope() == null ? "" : ",scope=\"" + token.scope() + "\"");
        }
        return "Basic realm=\"Hoist\"";
    }

    /** The refusal as the registry answers it. */
    public jakarta.ws.rs.core.Response response(RegistryException e, URI requestBase) {
        jakarta.ws.rs.core.Response.ResponseBuilder builder = jakarta.ws.rs.core.Response.status(status(e.code))
                .type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
                .header(Registry.API_VERSION_HEADER, Registry.API_VERSION)
                .entity(body(e));
        headers(e, requestBase).forEach(builder::header);
        return builder.build();
    }

    public static Map<String, Object> body(RegistryException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code.wireName());
        error.put("message", e.getMessage());
        if (e.detail != null) {
            error.put("detail", e.detail);
        }
        return Map.of("errors", List.of(error));
    }
}
