package dev.hoist.registry.api;

import java.nio.file.Path;

/**
 * A response body of {@code length} bytes of a local file from {@code offset}, which {@link MappedFileWriter} sends
 * from a memory map: the bytes go from the page cache to the socket without passing through Java memory.
 */
public record MappedFile(Path file, long offset, long length) {
}
