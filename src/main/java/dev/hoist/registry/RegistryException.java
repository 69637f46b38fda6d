package dev.hoist.registry;

import java.time.Duration;
import java.util.Optional;

/**
 * A registry request refused with one of the OCI error codes, and what the caller needs to go on:
 * when to ask again, how to authenticate, where an upload stands. {@code registry.api} writes it
 * as error JSON with the status and headers the distribution specification gives these.
 */
public class RegistryException extends RuntimeException {

    /** How a caller refused for lack of credentials may authenticate. */
    public sealed interface Challenge {
    }

    /** With a bearer token from the token endpoint, for {@code scope} (null: any). */
    public record TokenChallenge(String scope) implements Challenge {
    }

    /** With a password or a personal access token, directly. */
    public record PasswordChallenge() implements Challenge {
    }

    /** Where an upload session stands, so that a client refused a chunk knows where to go on from. */
    public record UploadPosition(String repository, String id, long size) {
    }

    public final ErrorCode code;
    public final transient Object detail;
    private transient Duration retryAfter;
    private transient Challenge challenge;
    private transient UploadPosition upload;
    private transient Long blobSize;

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

    /** UNAUTHORIZED, asking for a token for {@code scope} (null: without a scope). */
    public static RegistryException unauthorized(String scope) {
        return new RegistryException(ErrorCode.UNAUTHORIZED).challenge(new TokenChallenge(scope));
    }

    /** A limit on what is held is DENIED; one that lifts by itself is TOOMANYREQUESTS, to ask again after a while. */
    public static RegistryException of(dev.hoist.quota.QuotaExceededException quota) {
        if (quota.retryAfter().isEmpty()) {
            return new RegistryException(ErrorCode.DENIED, quota.getMessage());
        }
        return new RegistryException(ErrorCode.TOOMANYREQUESTS, quota.getMessage())
                .retryAfter(Duration.ofSeconds(quota.retryAfterSeconds()));
    }

    public RegistryException retryAfter(Duration wait) {
        this.retryAfter = wait;
        return this;
    }

    public RegistryException challenge(Challenge how) {
        this.challenge = how;
        return this;
    }

    public RegistryException upload(UploadPosition position) {
        this.upload = position;
        return this;
    }

    /** The size of the blob a refused range asked of, so that the client can ask again within it. */
    public RegistryException blobSize(long size) {
        this.blobSize = size;
        return this;
    }

    public Optional<Long> blobSize() {
        return Optional.ofNullable(blobSize);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public Optional<Challenge> challenge() {
        return Optional.ofNullable(challenge);
    }

    public Optional<UploadPosition> upload() {
        return Optional.ofNullable(upload);
    }
}
