package dev.hoist.storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The store could not write to its disk (full, read-only, failing). The server's trouble, not
 * the client's: the registry answers a status clients retry, and says which store in its log.
 */
public class StorageWriteException extends RuntimeException {

    public StorageWriteException(Path root, IOException cause) {
        super("Cannot write to the blob store at " + root + ": " + cause.getMessage(), cause);
    }
}
