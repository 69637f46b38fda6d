package dev.hoist.registry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the registry needs from a pushed manifest: its media type, the blobs and manifests it
 * references (each once, with the size its descriptors declare), its subject (OCI 1.1 referrers)
 * and artifact type, and what the Tags tab shows. {@code foreign} are its non-distributable layers
 * (Windows base images' and the like), which the spec lets a registry accept without holding them.
 */
public record ParsedManifest(String mediaType, String artifactType, String subject, List<String> blobs,
        List<String> children, Map<String, Long> declaredSizes, long totalSize, String platforms, String configDigest,
        Set<String> foreign) {

    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    /** Far above any real image (Docker caps an image at 127 layers) and a multi-platform index. */
    public static final int MAX_LAYERS = 1000;
    public static final int MAX_CHILDREN = 1000;
    /** Layers whose owner forbids copying them: served from elsewhere (the descriptor's urls), if at all. */
    private static final Set<String> NON_DISTRIBUTABLE = Set.of(
            "application/vnd.oci.image.layer.nondistributable.v1.tar",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
            "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip");
    private static final Set<String> IMAGES = Set.of(DOCKER_MANIFEST, OCI_MANIFEST);
    private static final Set<String> INDEXES = Set.of(DOCKER_LIST, OCI_INDEX);
    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean isIndex() {
        return INDEXES.contains(mediaType);
    }

    /** The same manifest with what was learnt from the stored blobs: their total size and the image's platform. */
    public ParsedManifest withStored(long storedSize, String platform) {
        return new ParsedManifest(mediaType, artifactType, subject, blobs, children, declaredSizes, storedSize, platform,
                configDigest, foreign);
    }

    /**
     * @param contentType the request's Content-Type, which names the media type when the body does not
     * @throws RegistryException MANIFEST_INVALID for anything that is not a manifest we can serve
     */
    public static ParsedManifest parse(byte[] body, String contentType) {
        countDescriptors(body);
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw invalid("the manifest is not valid JSON in UTF-8");
        }
        if (root == null || !root.isObject() || root.path("schemaVersion").asInt() != 2) {
            throw invalid("only schemaVersion 2 manifests are supported");
        }
        String declared = root.has("mediaType") ? ManifestFields.mediaType(root.get("mediaType"), "mediaType") : null;
        String header = contentType == null ? null : contentType.split(";")[0].trim();
        String mediaType = declared != null ? declared : header;
        if (declared != null && header != null && !header.isEmpty() && !header.equals(declared)
                && (IMAGES.contains(header) || INDEXES.contains(header))) {
            throw invalid("the Content-Type " + header + " does not match the manifest's mediaType " + declared);
        }
        if (mediaType == null || mediaType.isEmpty()) {
            mediaType = root.has("manifests") ? OCI_INDEX : OCI_MANIFEST;
        }
        if (!IMAGES.contains(mediaType) && !INDEXES.contains(mediaType)) {
            throw invalid("unsupported manifest media type " + RegistryText.shown(mediaType));
        }
        String subject = root.has("subject") ? subject(root.get("subject")) : null;
        String artifactType = root.has("artifactType") ? ManifestFields.mediaType(root.get("artifactType"), "artifactType")
                : null;
        Map<String, Long> sizes = new LinkedHashMap<>();
        List<String> blobs = new ArrayList<>();
        List<String> children = new ArrayList<>();
        List<String> platforms = new ArrayList<>();
        Set<String> foreign = new HashSet<>();
        String config = null;
        if (INDEXES.contains(mediaType)) {
            for (JsonNode child : array(root, "manifests", MAX_CHILDREN)) {
                add(child, sizes, children);
                if (child.has("platform")) {
                    String platform = ManifestFields.platform(child.get("platform"));
                    if (!platform.isEmpty() && !platforms.contains(platform)) {
                        platforms.add(platform);
                    }
                }
            }
        } else {
            JsonNode configNode = root.path("config");
            if (!configNode.isObject()) {
                throw invalid("an image manifest needs a config descriptor");
            }
            config = add(configNode, sizes, blobs);
            String configType = configNode.has("mediaType")
                    ? ManifestFields.mediaType(configNode.get("mediaType"), "config.mediaType") : "";
            if (artifactType == null && !configType.isEmpty() && !configType.contains("image.config")
                    && !configType.contains("container.image")) {
                artifactType = configType;
            }
            for (JsonNode layer : array(root, "layers", MAX_LAYERS)) {
                String digest = add(layer, sizes, blobs);
                if (layer.has("mediaType")
                        && NON_DISTRIBUTABLE.contains(ManifestFields.mediaType(layer.get("mediaType"), "layers[].mediaType"))) {
                    foreign.add(digest);
                }
            }
        }
        String shown = String.join(", ", platforms);
        return new ParsedManifest(mediaType, artifactType, subject, List.copyOf(blobs), List.copyOf(children),
                Map.copyOf(sizes), 0, shown.length() > 2000 ? shown.substring(0, 2000) : shown, config, Set.copyOf(foreign));
    }

    /**
     * Records a descriptor's digest once: repeats are allowed (an image may hold one layer twice) but
     * checked and stored once, and every repeat must declare the same size.
     */
    private static String add(JsonNode descriptor, Map<String, Long> sizes, List<String> digests) {
        if (!descriptor.isObject()) {
            throw invalid("a descriptor must be an object");
        }
        String digest = ManifestFields.digest(descriptor.get("digest"), "digest");
        long size = ManifestFields.size(descriptor.get("size"), digest);
        Long before = sizes.putIfAbsent(digest, size);
        if (before == null) {
            digests.add(digest);
        } else if (before != size) {
            throw invalid("the descriptors of " + digest + " declare different sizes");
        }
        return digest;
    }

    /** The manifest's annotations (string values only), which the referrers API repeats; none if it has none. */
    public static Map<String, String> annotations(byte[] content) {
        try {
            JsonNode annotations = JSON.readTree(content).path("annotations");
            Map<String, String> values = new LinkedHashMap<>();
            annotations.fields().forEachRemaining(e -> {
                if (e.getValue().isTextual()) {
                    values.put(e.getKey(), e.getValue().asText());
                }
            });
            return values;
        } catch (IOException | RuntimeException unreadable) {
            return Map.of(); // it was checked when pushed; a manifest kept from before shows none rather than failing the list
        }
    }

    /** OCI 1.1's subject: a descriptor of the manifest this one is about, which need not be stored. */
    private static String subject(JsonNode subject) {
        if (!subject.isObject()) {
            throw invalid("subject must be a descriptor");
        }
        String digest = ManifestFields.digest(subject.get("digest"), "subject.digest");
        ManifestFields.size(subject.get("size"), digest);
        return digest;
    }

    /**
     * Counts the layers or child manifests before any tree is built, and stops at the first one past
     * the limit: 4 MiB of JSON holds about 50,000 descriptors, and refusing them costs a glance.
     */
    private static void countDescriptors(byte[] body) {
        try (JsonParser parser = JSON.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return; // not a manifest: the full parse says why
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                int max = "layers".equals(field) ? MAX_LAYERS : "manifests".equals(field) ? MAX_CHILDREN : -1;
                if (parser.nextToken() == JsonToken.START_ARRAY && max >= 0) {
                    int count = 0;
                    for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY && t != null; t = parser.nextToken()) {
                        if (++count > max) {
                            throw invalid(field + " holds more than " + max + " descriptors");
                        }
                        parser.skipChildren();
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException notJson) {
            // The full parse reports it.
        }
    }

    private static Iterable<JsonNode> array(JsonNode root, String field, int max) {
        JsonNode node = root.path(field);
        if (node.isMissingNode()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid(field + " must be an array");
        }
        // Counted before any is looked at: a 4 MiB manifest holds about 50,000 descriptors.
        if (node.size() > max) {
            throw invalid(field + " holds " + node.size() + " descriptors; at most " + max + " are accepted");
        }
        return node;
    }

    static RegistryException invalid(String message) {
        return new RegistryException(ErrorCode.MANIFEST_INVALID, message);
    }
}
