package dev.hoist.storage;

import java.io.IOException;

/** Marks an I/O failure of the store's own disk, as opposed to a client's stream that broke. */
final class DiskWriteException extends IOException {

    DiskWriteException(IOException cause) {
        super(cause.getMessage(), cause);
    }

    static DiskWriteException of(IOException e) {
        return e instanceof DiskWriteException marked ? marked : new DiskWriteException(e);
    }
}
