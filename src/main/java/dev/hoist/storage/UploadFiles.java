package dev.hoist.storage;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/**
 * The uploads folder of a {@link FilesystemBlobStore}: one file per upload, named by its id, and
 * the temporary files of whole-blob writes, whose names hold a '.' and so never look like an id.
 */
final class UploadFiles {

    interface UploadAction<T> {
        T run(FileChannel channel, Path path) throws IOException;
    }

    /** Shared by every store in the JVM: two stores on one root must still queue for an upload. */
    private static final UploadLocks LOCKS = new UploadLocks();

    private final Path folder;

    UploadFiles(Path folder) {
        this.folder = folder;
    }

    Path folder() {
        return folder;
    }

    void create(String uploadId) {
        if (!UploadIds.isValid(uploadId)) {
            throw new IllegalArgumentException("An upload id is 1 to 100 of A-Z, a-z, 0-9, _ and -");
        }
        try {
            Files.createFile(folder.resolve(uploadId));
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException("Upload " + uploadId + " already exists");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh name for a temporary file; the caller creates it. */
    Path newTemporaryPath() {
        return folder.resolve("put-" + UUID.randomUUID() + ".tmp");
    }

    /** The upload's file; an invalid id names no upload, which keeps every path inside the folder. */
    Path path(String uploadId) {
        if (!UploadIds.isValid(uploadId)) {
            throw new UnknownUploadException(uploadId);
        }
        return folder.resolve(uploadId);
    }

    /** Runs {@code action} on the upload while holding it against other threads and processes. */
    <T> T withUpload(String uploadId, UploadAction<T> action) {
        Path path = path(uploadId);
        try (UploadLocks.Held held = LOCKS.hold(path.toString());
                FileChannel channel = open(uploadId, path);
                FileLock fileLock = channel.lock()) {
            // A commit or cancel in another process may have removed the upload while we waited.
            if (!Files.exists(path)) {
                throw new UnknownUploadException(uploadId);
            }
            return action.run(channel, path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes uploads last modified before {@code uploadCutoff} and temporary files last modified
     * before {@code temporaryCutoff}; returns how many.
     */
    int purgeOlderThan(Instant uploadCutoff, Instant temporaryCutoff) {
        int purged = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (purgeIfStale(entry, uploadCutoff, temporaryCutoff)) {
                    purged++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return purged;
    }

    private boolean purgeIfStale(Path entry, Instant uploadCutoff, Instant temporaryCutoff) throws IOException {
        String name = entry.getFileName().toString();
        if (!UploadIds.isValid(name)) {
            return isStale(entry, temporaryCutoff) && Files.deleteIfExists(entry);
        }
        try {
            // Under the upload's lock, so that a chunk arriving right now is not lost.
            return withUpload(name, (channel, path) -> isStale(path, uploadCutoff) && Files.deleteIfExists(path));
        } catch (UnknownUploadException alreadyGone) {
            return false;
        }
    }

    private static boolean isStale(Path path, Instant cutoff) throws IOException {
        try {
            return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                    && Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static FileChannel open(String uploadId, Path path) throws IOException {
        try {
            return FileChannel.open(path, READ, WRITE);
        } catch (NoSuchFileException e) {
            throw new UnknownUploadException(uploadId);
        }
    }
}
