package dev.hoist.storage;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Settings under {@code hoist.storage.}. A mapping of its own rather than a plain config property:
 * HoistConfig owns the {@code hoist.} prefix and rejects keys under it that no mapping claims.
 */
@ConfigMapping(prefix = "hoist.storage")
public interface StorageConfig {

    /**
     * {@code hoist.storage.root} (HOIST_STORAGE_ROOT): the folder that holds the blobs; by default
     * {@code <hoist.data-dir>/blobs}. Copies of Hoist that run side by side must share it.
     */
    Optional<String> root();
}
