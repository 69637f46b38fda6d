package dev.hoist.storage;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Blobs as files: {@code <root>/sha256/ab/abcdef…}. Uploads and the temporary files of
 * {@link #put} live in {@code <root>/_uploads}, on the same filesystem as the blobs, so that a
 * verified file is moved into place with one atomic rename. Several processes may share the root:
 * upload changes take a file lock as well as a lock within this JVM.
 */
public final class FilesystemBlobStore implements BlobStore {

    private static final int BUFFER_SIZE = 64 * 1024;
    /**
     * A whole-blob write in progress touches its temporary file every few seconds (a silent
     * client is cut after a minute), so one untouched this long was cut off by a crash.
     */
    static final Duration INTERRUPTED_WRITE_AGE = Duration.ofMinutes(10);

    private final Path root;
    private final UploadFiles uploads;
    private final BlobFolder blobs;
    /**
     * SHA-256 of each upload's bytes so far, fed while chunks are written, so that closing an
     * upload need not read it back. Only a speed-up: when it is missing or behind the file (a
     * restart, or a chunk written by another process), commit hashes the file.
     */
    private final ConcurrentHashMap<String, RunningHash> running = new ConcurrentHashMap<>();

    private static final class RunningHash {
        final MessageDigest hash = Digest.Algorithm.SHA256.newMessageDigest();
        long hashed;
    }

    public FilesystemBlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.uploads = new UploadFiles(this.root.resolve("_uploads"));
        this.blobs = new BlobFolder(this.root, uploads.folder());
        try {
            Files.createDirectories(uploads.folder());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the blob store at " + this.root, e);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public void startUpload(String uploadId) {
        try {
            uploads.create(uploadId);
        } catch (UncheckedIOException e) {
            throw new StorageWriteException(root, e.getCause());
        }
    }

    @Override
    public long append(String uploadId, long expectedOffset, InputStream data) {
        return uploads.withUpload(uploadId, (channel, path) -> {
            long size = channel.size();
            if (size != expectedOffset) {
                throw new UploadOffsetException(uploadId, expectedOffset, size);
            }
            RunningHash state = size == 0 ? running.computeIfAbsent(uploadId, id -> new RunningHash()) : running.get(uploadId);
            boolean inStep = state != null && state.hashed == size;
            if (!inStep) {
                running.remove(uploadId);
            }
            try {
                channel.position(size);
                PipelinedCopy.copy(inStep ? new DigestInputStream(data, state.hash) : data, channel);
            } catch (IOException | RuntimeException e) {
                running.remove(uploadId);
                // Drop a partial chunk (a client that hung up) so that the client can resend it whole.
                try {
                    channel.truncate(size);
                } catch (IOException truncation) {
                    e.addSuppressed(truncation);
                }
                if (e instanceof DiskWriteException disk) {
                    throw new StorageWriteException(root, disk);
                }
                throw e;
            }
            if (inStep) {
                state.hashed = channel.size();
            }
            return channel.size();
        });
    }

    @Override
    public long uploadSize(String uploadId) {
        try {
            return Files.size(uploads.path(uploadId));
        } catch (NoSuchFileException e) {
            throw new UnknownUploadException(uploadId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void commit(String uploadId, Digest expected) {
        uploads.withUpload(uploadId, (channel, path) -> {
            // Checked under the lock, so the bytes checked are the bytes moved.
            RunningHash state = running.remove(uploadId);
            Digest actual = state != null && state.hashed == channel.size() && expected.algorithm() == Digest.Algorithm.SHA256
                    ? Digest.of(Digest.Algorithm.SHA256, state.hash.digest())
                    : hash(channel, expected.algorithm());
            if (!actual.equals(expected)) {
                Files.delete(path);
                throw new DigestMismatchException(expected, actual);
            }
            try {
                channel.force(true);
                moveIntoPlace(path, expected);
            } catch (IOException e) {
                throw new StorageWriteException(root, e);
            }
            return null;
        });
    }

    @Override
    public void put(Digest expected, InputStream data) {
        Path temp = uploads.newTemporaryPath();
        try {
            MessageDigest hash = expected.newMessageDigest();
            try (FileChannel channel = onDisk(() -> FileChannel.open(temp, CREATE_NEW, WRITE))) {
                PipelinedCopy.copy(new DigestInputStream(data, hash), channel);
                onDisk(() -> {
                    channel.force(true);
                    return null;
                });
            }
            Digest actual = Digest.of(expected.algorithm(), hash.digest());
            if (!actual.equals(expected)) {
                throw new DigestMismatchException(expected, actual);
            }
            onDisk(() -> {
                moveIntoPlace(temp, expected);
                return null;
            });
        } catch (DiskWriteException e) {
            throw new StorageWriteException(root, e);
        } catch (IOException e) {
            // Reading the request failed: a client that hung up.
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public void cancelUpload(String uploadId) {
        if (!UploadIds.isValid(uploadId)) {
            return;
        }
        try {
            running.remove(uploadId);
            uploads.withUpload(uploadId, (channel, path) -> Files.deleteIfExists(path));
        } catch (UnknownUploadException alreadyGone) {
            // Cancelling twice, or after a commit, is fine.
        }
    }

    @Override
    public boolean exists(Digest digest) {
        return Files.isRegularFile(blobPath(digest));
    }

    @Override
    public long size(Digest digest) {
        try {
            return Files.size(blobPath(digest));
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream open(Digest digest, long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("A range needs a non-negative offset and length");
        }
        FileChannel channel = openBlob(digest);
        try {
            long size = channel.size();
            if (offset > size || length > size - offset) {
                throw new IllegalArgumentException(length + " bytes from offset " + offset
                        + " are not inside a blob of " + size + " bytes");
            }
            return new RangeInputStream(channel, offset, length);
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    @Override
    public Optional<Path> localFile(Digest digest) {
        Path path = blobPath(digest);
        if (!Files.isRegularFile(path)) {
            throw new BlobNotFoundException(digest);
        }
        return Optional.of(path);
    }

    @Override
    public void delete(Digest digest) {
        try {
            Files.deleteIfExists(blobPath(digest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Stream<Digest> digests() {
        return blobs.digests();
    }

    @Override
    public boolean deleteIfStoredBefore(Digest digest, Instant cutoff) {
        return blobs.deleteIfStoredBefore(digest, cutoff);
    }

    @Override
    public int purgeStaleUploads(Duration olderThan) {
        Instant now = Instant.now();
        Duration temporaryAge = olderThan.compareTo(INTERRUPTED_WRITE_AGE) < 0 ? olderThan : INTERRUPTED_WRITE_AGE;
        int purged = uploads.purgeOlderThan(now.minus(olderThan), now.minus(temporaryAge));
        running.keySet().removeIf(id -> !Files.exists(uploads.path(id)));
        return purged;
    }

    private interface DiskStep<T> {
        T run() throws IOException;
    }

    /** Runs a step that only touches the store's disk: any failure of it is the disk's. */
    private static <T> T onDisk(DiskStep<T> step) throws DiskWriteException {
        try {
            return step.run();
        } catch (IOException e) {
            throw DiskWriteException.of(e);
        }
    }

    private FileChannel openBlob(Digest digest) {
        try {
            return FileChannel.open(blobPath(digest), READ);
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path blobPath(Digest digest) {
        return blobs.path(digest);
    }

    /**
     * Moves a verified file to its blob path in one rename, even over the same blob stored before:
     * the new file's time says the blob was stored just now, which keeps garbage collection off it
     * (see {@link BlobFolder#deleteIfStoredBefore}).
     */
    private void moveIntoPlace(Path source, Digest digest) throws IOException {
        Path target = blobPath(digest);
        Files.createDirectories(target.getParent());
        // The last chunk of an upload may have been written long before the commit.
        FileTime now = FileTime.from(Instant.now());
        Files.setLastModifiedTime(source, now);
        try {
            // On Linux a concurrent commit of the same digest replaces an identical file: both succeed.
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // Filesystems that refuse to replace: the same content won the race.
            Files.deleteIfExists(source);
            Files.setLastModifiedTime(target, now);
        }
    }

    private static Digest hash(FileChannel channel, Digest.Algorithm algorithm) throws IOException {
        MessageDigest hash = algorithm.newMessageDigest();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
        long position = 0;
        int n;
        while ((n = channel.read(buffer, position)) > 0) {
            hash.update(buffer.array(), 0, n);
            position += n;
            buffer.clear();
        }
        return Digest.of(algorithm, hash.digest());
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Left for purgeStaleUploads.
        }
    }

    private static void closeQuietly(FileChannel channel, Exception failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
