package dev.hoist.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the registry needs from a pushed manifest: its media type, the blobs and manifests it
 * references, its subject (OCI 1.1 referrers) and artifact type, and what the Tags tab shows.
 */
public record ParsedManifest(String mediaType, String artifactType, String subject, List<String> blobs,
        List<String> children, long totalSize, String platforms, String configDigest) {

    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final Set<String> IMAGES = Set.of(DOCKER_MANIFEST, OCI_MANIFEST);
    private static final Set<String> INDEXES = Set.of(DOCKER_LIST, OCI_INDEX);
    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean isIndex() {
        return INDEXES.contains(mediaType);
    }

    /**
     * @param contentType the request's Content-Type, which names the media type when the body does not
     * @throws RegistryException MANIFEST_INVALID for anything that is not a manifest we can serve
     */
    public static ParsedManifest parse(byte[] body, String contentType) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw invalid("the manifest is not valid JSON");
        }
        if (root == null || !root.isObject() || root.path("schemaVersion").asInt() != 2) {
            throw invalid("only schemaVersion 2 manifests are supported");
        }
        String declared = root.path("mediaType").asText(null);
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
            throw new RegistryException(ErrorCode.MANIFEST_INVALID, "unsupported manifest media type " + mediaType);
        }
        String subject = root.path("subject").path("digest").asText(null);
        String artifactType = root.path("artifactType").asText(null);
        List<String> blobs = new ArrayList<>();
        List<String> children = new ArrayList<>();
        long total = 0;
        List<String> platforms = new ArrayList<>();
        String config = null;
        if (INDEXES.contains(mediaType)) {
            for (JsonNode child : array(root, "manifests")) {
                children.add(digestOf(child));
                total += child.path("size").asLong();
                JsonNode p = child.path("platform");
                if (p.has("os")) {
                    platforms.add(p.path("os").asText() + "/" + p.path("architecture").asText()
                            + (p.has("variant") ? "/" + p.path("variant").asText() : ""));
                }
            }
        } else {
            JsonNode configNode = root.path("config");
            if (!configNode.isObject()) {
                throw invalid("an image manifest needs a config descriptor");
            }
            config = digestOf(configNode);
            blobs.add(config);
            if (artifactType == null && !configNode.path("mediaType").asText("").contains("image.config")
                    && !configNode.path("mediaType").asText("").contains("container.image")) {
                artifactType = configNode.path("mediaType").asText(null);
            }
            for (JsonNode layer : array(root, "layers")) {
                blobs.add(digestOf(layer));
                total += layer.path("size").asLong();
            }
        }
        String shown = String.join(", ", platforms);
        return new ParsedManifest(mediaType, artifactType, subject, blobs, children, total,
                shown.length() > 2000 ? shown.substring(0, 2000) : shown, config);
    }

    private static Iterable<JsonNode> array(JsonNode root, String field) {
        JsonNode node = root.path(field);
        if (node.isMissingNode()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid(field + " must be an array");
        }
        return node;
    }

    private static String digestOf(JsonNode descriptor) {
        String digest = descriptor.path("digest").asText(null);
        if (digest == null) {
            throw invalid("a descriptor has no digest");
        }
        try {
            return dev.hoist.storage.Digest.parse(digest).toString();
        } catch (RuntimeException e) {
            throw invalid("invalid digest " + digest);
        }
    }

    private static RegistryException invalid(String message) {
        return new RegistryException(ErrorCode.MANIFEST_INVALID, message);
    }
}
