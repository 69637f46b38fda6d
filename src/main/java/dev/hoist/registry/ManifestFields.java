package dev.hoist.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoist.storage.Digest;
import java.util.regex.Pattern;

/**
 * The fields of a manifest that end up in PostgreSQL text columns or on the Tags tab: media types,
 * digests, sizes and platform names. Each is checked for its shape here, so that a NUL byte, a
 * control character or a 300-character media type is a MANIFEST_INVALID and never a database error.
 */
final class ManifestFields {

    /** RFC 6838's type/subtype (restricted-name characters), as the OCI spec requires of media types. */
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");
    private static final int MEDIA_TYPE_MAX = 255;
    private static final int PLATFORM_PART_MAX = 128;

    private ManifestFields() {
    }

    static String mediaType(JsonNode node, String field) {
        if (node == null || !node.isTextual()) {
            throw ParsedManifest.invalid(field + " must be a string");
        }
        String value = node.asText();
        if (value.length() > MEDIA_TYPE_MAX || !MEDIA_TYPE.matcher(value).matches()) {
            throw ParsedManifest.invalid(field + " is not a media type: " + RegistryText.shown(value));
        }
        return value;
    }

    /** The digest in its canonical form; only sha256 and sha512 are accepted. */
    static String digest(JsonNode node, String field) {
        if (node == null || !node.isTextual()) {
            throw ParsedManifest.invalid("a descriptor needs a " + field);
        }
        try {
            return Digest.parse(node.asText()).toString();
        } catch (RuntimeException e) {
            throw ParsedManifest.invalid("invalid " + field + " " + RegistryText.shown(node.asText()));
        }
    }

    /** A descriptor's size: required, a whole number of bytes that fits in 63 bits. */
    static long size(JsonNode node, String digest) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
            throw ParsedManifest.invalid("the descriptor of " + digest + " needs a size in bytes, not "
                    + (node == null ? "none" : RegistryText.shown(node.toString())));
        }
        return node.asLong();
    }

    /** os/architecture[/variant] of an index entry, for the Tags tab; empty when the entry names no os. */
    static String platform(JsonNode platform) {
        if (!platform.isObject()) {
            throw ParsedManifest.invalid("platform must be an object");
        }
        if (!platform.has("os")) {
            return "";
        }
        String os = part(platform, "os");
        String architecture = platform.has("architecture") ? part(platform, "architecture") : "";
        return os + "/" + architecture + (platform.has("variant") ? "/" + part(platform, "variant") : "");
    }

    private static String part(JsonNode platform, String field) {
        JsonNode node = platform.get(field);
        String value = node.isTextual() ? node.asText() : null;
        if (value == null || !RegistryText.printable(value, PLATFORM_PART_MAX)) {
            throw ParsedManifest.invalid("platform." + field + " must be text without control characters");
        }
        return value;
    }
}
