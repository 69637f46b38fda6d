package dev.hoist.registry;

import dev.hoist.storage.Digest;
import java.util.regex.Pattern;

/**
 * What names a manifest in a registry path: a digest, or a tag of Docker's form (up to 128
 * characters, no control characters). Exactly one of {@code tag} and {@code digest} is set.
 */
public record ManifestReference(String tag, Digest digest) {

    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    /** A malformed digest is DIGEST_INVALID, anything else that is no tag MANIFEST_INVALID. */
    public static ManifestReference parse(String value) {
        if (Digests.looksLikeDigest(value)) {
            return new ManifestReference(null, Digests.parse(value));
        }
        if (!isTag(value)) {
            throw new RegistryException(ErrorCode.MANIFEST_INVALID, "invalid tag " + RegistryText.shown(value));
        }
        return new ManifestReference(value, null);
    }

    public static boolean isTag(String value) {
        return TAG.matcher(value).matches();
    }

    public boolean byDigest() {
        return digest != null;
    }

    @Override
    public String toString() {
        return byDigest() ? digest.toString() : tag;
    }
}
