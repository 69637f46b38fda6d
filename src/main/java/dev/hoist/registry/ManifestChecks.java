package dev.hoist.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoist.repo.Repo;
import dev.hoist.storage.BlobStore;
import dev.hoist.storage.Digest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;

/**
 * A manifest may only reference blobs and manifests its repository has; the config blob also
 * tells the image's platform and the layers its compressed size, for the Tags tab.
 */
@ApplicationScoped
public class ManifestChecks {

    private static final long MAX_CONFIG_READ = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Metadata metadata;

    @Inject
    BlobStore store;

    public ParsedManifest verify(Repo repo, ParsedManifest manifest) {
        long configSize = 0;
        for (String blob : manifest.blobs()) {
            long size = metadata.blobSize(repo.id, blob)
                    .orElseThrow(() -> new RegistryException(ErrorCode.MANIFEST_BLOB_UNKNOWN, "blob unknown: " + blob, blob));
            if (blob.equals(manifest.configDigest())) {
                configSize = size;
            }
        }
        for (String child : manifest.children()) {
            if (!metadata.manifestExists(repo.id, child)) {
                throw new RegistryException(ErrorCode.MANIFEST_BLOB_UNKNOWN, "manifest unknown: " + child, child);
            }
        }
        if (manifest.configDigest() == null || !manifest.platforms().isEmpty()) {
            return manifest;
        }
        return new ParsedManifest(manifest.mediaType(), manifest.artifactType(), manifest.subject(), manifest.blobs(),
                manifest.children(), manifest.totalSize() + configSize, platformOf(manifest.configDigest(), configSize),
                manifest.configDigest());
    }

    private String platformOf(String configDigest, long size) {
        if (size > MAX_CONFIG_READ) {
            return "";
        }
        try (InputStream in = store.open(Digest.parse(configDigest), 0, size)) {
            JsonNode config = JSON.readTree(in);
            if (config == null || !config.has("os")) {
                return "";
            }
            return config.path("os").asText() + "/" + config.path("architecture").asText()
                    + (config.has("variant") ? "/" + config.path("variant").asText() : "");
        } catch (IOException | RuntimeException notAnImageConfig) {
            return "";
        }
    }
}
