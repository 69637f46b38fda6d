package dev.hoist.registry;

import dev.hoist.storage.Digest;

/** Digest parsing for request parameters: a malformed digest is a 400 DIGEST_INVALID, never a 500. */
public final class Digests {

    private Digests() {
    }

    public static Digest parse(String value) {
        try {
            return Digest.parse(value);
        } catch (RuntimeException e) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, "invalid digest " + value);
        }
    }

    public static boolean looksLikeDigest(String reference) {
        return reference.contains(":");
    }
}
