package dev.hoist.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoist.model.Repo;
import dev.hoist.storage.BlobStore;
import dev.hoist.storage.Digest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * A manifest may only reference blobs and manifests its repository has; the config blob also
 * tells the image's platform and the layers its compressed size, for the Tags tab.
 */
@ApplicationScoped
public class ManifestChecks {

    private static final long MAX_CONFIG_READ = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    BlobReferences references;

    @Inject
    ManifestRecords manifests;

    @Inject
    BlobStore store;

    /**
     * Checks every referenced blob and child manifest in two queries, whatever their number, and
     * returns the manifest with the sizes that are stored (which the descriptors must declare
     * exactly, as the OCI spec requires).
     */
    public ParsedManifest verify(Repo repo, ParsedManifest manifest) {
        long total = sum(manifest, manifest.blobs(), references.sizes(repo.id, manifest.blobs()), "blob")
                + sum(manifest, manifest.children(), manifests.sizes(repo.id, manifest.children()), "manifest");
        String platform = manifest.platforms();
        if (manifest.configDigest() != null && platform.isEmpty()) {
            platform = platformOf(manifest.configDigest(), manifest.declaredSizes().get(manifest.configDigest()));
        }
        return manifest.withStored(total, platform);
    }

    private static long sum(ParsedManifest manifest, List<String> digests, Map<String, Long> stored, String kind) {
        long total = 0;
        for (String digest : digests) {
            Long size = stored.get(digest);
            if (size == null && manifest.foreign().contains(digest)) {
                continue; // not uploaded, as a non-distributable layer need not be: neither served nor counted
            }
            if (size == null) {
                throw new RegistryException(ErrorCode.MANIFEST_BLOB_UNKNOWN, kind + " unknown: " + digest, digest);
            }
            long declared = manifest.declaredSizes().get(digest);
            if (declared != size) {
                throw new RegistryException(ErrorCode.MANIFEST_INVALID, "the descriptor of " + digest + " declares "
                        + declared + " bytes; the stored " + kind + " has " + size,
                        Map.of("digest", digest, "declared", declared, "stored", size));
            }
            total += size;
        }
        return total;
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
            // The config is the pusher's; a platform that cannot be shown is not shown.
            String platform = ManifestFields.platform(config);
            return RegistryText.printable(platform, 300) ? platform : "";
        } catch (IOException | RuntimeException notAnImageConfig) {
            return "";
        }
    }
}
