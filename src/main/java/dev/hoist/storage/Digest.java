package dev.hoist.storage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content address of a blob, written {@code algorithm:hex} as in the OCI spec. Only the two
 * algorithms the spec registers are accepted, in the canonical lowercase form, so that equal
 * content always has one equal digest and the hex is safe to use in a file name.
 */
public record Digest(Algorithm algorithm, String hex) {

    public enum Algorithm {
        SHA256("sha256", "SHA-256", 64),
        SHA512("sha512", "SHA-512", 128);

        private final String label;
        private final String javaName;
        private final int hexLength;

        Algorithm(String label, String javaName, int hexLength) {
            this.label = label;
            this.javaName = javaName;
            this.hexLength = hexLength;
        }

        /** The name used in digests: {@code sha256} or {@code sha512}. */
        public String label() {
            return label;
        }

        public int hexLength() {
            return hexLength;
        }

        public MessageDigest newMessageDigest() {
            try {
                return MessageDigest.getInstance(javaName);
            } catch (NoSuchAlgorithmException e) {
                // Every Java runtime must provide SHA-256 and SHA-512.
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return label;
        }

        static Algorithm labelled(String label) {
            for (Algorithm algorithm : values()) {
                if (algorithm.label.equals(label)) {
                    return algorithm;
                }
            }
            throw new InvalidDigestException("Unsupported digest algorithm '" + shorten(label)
                    + "': use sha256 or sha512");
        }
    }

    public Digest {
        if (algorithm == null) {
            throw new InvalidDigestException("A digest needs an algorithm");
        }
        if (hex == null || hex.length() != algorithm.hexLength || !isLowercaseHex(hex)) {
            throw new InvalidDigestException("A " + algorithm + " digest is " + algorithm.hexLength
                    + " lowercase hex digits, not '" + shorten(hex) + "'");
        }
    }

    /** Reads {@code sha256:<64 hex>} or {@code sha512:<128 hex>}; nothing else. */
    public static Digest parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidDigestException("A digest is required");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new InvalidDigestException("A digest is algorithm:hex, not '" + shorten(text) + "'");
        }
        return new Digest(Algorithm.labelled(text.substring(0, colon)), text.substring(colon + 1));
    }

    /** The digest of a finished hash, such as {@code MessageDigest.digest()}. */
    public static Digest of(Algorithm algorithm, byte[] hash) {
        return new Digest(algorithm, HexFormat.of().formatHex(hash));
    }

    /** A fresh hash of this digest's algorithm, to check bytes against it. */
    public MessageDigest newMessageDigest() {
        return algorithm.newMessageDigest();
    }

    @Override
    public String toString() {
        return algorithm.label + ":" + hex;
    }

    private static boolean isLowercaseHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** Enough of a bad value to recognise it in a message, without echoing a huge one. */
    private static String shorten(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= 140 ? s : s.substring(0, 140) + "…";
    }
}
