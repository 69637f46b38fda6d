package dev.hoist.registry;

/** What a client learns of the manifest it pushed: its digest, and the subject it refers to (or null). */
public record PushedManifest(String digest, String subject) {
}
