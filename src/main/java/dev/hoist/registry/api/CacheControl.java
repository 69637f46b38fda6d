package dev.hoist.registry.api;

/**
 * Cache-Control for what the registry serves. Content by digest never changes and may be kept a
 * year, but only a public repository's may sit in a shared cache: a proxy would otherwise hand a
 * private layer to the next caller without asking Hoist. Tags and lists move, so caches revalidate.
 */
final class CacheControl {

    private static final String YEAR = "max-age=31536000, immutable";

    private CacheControl() {
    }

    /** For blobs and manifests addressed by digest. */
    static String immutable(boolean publicRepository) {
        return (publicRepository ? "public, " : "private, ") + YEAR;
    }

    /** For manifests by tag and tag lists. */
    static String revalidate(boolean publicRepository) {
        return publicRepository ? "no-cache" : "private, no-cache";
    }
}
