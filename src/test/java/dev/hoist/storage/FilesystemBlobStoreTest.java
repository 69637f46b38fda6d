package dev.hoist.storage;

import static dev.hoist.storage.TestBytes.readAll;
import static dev.hoist.storage.TestBytes.sha256;
import static dev.hoist.storage.TestBytes.stream;
import static dev.hoist.storage.TestBytes.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemBlobStoreTest extends BlobStoreContract {

    @TempDir
    Path dir;

    private Path root() {
        return dir.resolve("blobs");
    }

    @Override
    protected BlobStore newStore() {
        return new FilesystemBlobStore(root());
    }

    @Override
    protected void age(String uploadId, Duration age) throws Exception {
        makeOld(root().resolve("_uploads").resolve(uploadId), age);
    }

    @Override
    protected List<String> leftovers() throws Exception {
        try (Stream<Path> files = Files.list(root().resolve("_uploads"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void makeOld(Path file, Duration age) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
    }

    @Test
    void laysBlobsOutByAlgorithmAndHexPrefix() throws Exception {
        byte[] content = text("hello");
        Digest digest = sha256(content);
        store.put(digest, stream(content));
        Path expected = root().resolve("sha256").resolve(digest.hex().substring(0, 2)).resolve(digest.hex());
        assertEquals(Optional.of(expected), store.localFile(digest));
        assertArrayEquals(content, Files.readAllBytes(expected));
    }

    @Test
    void createsItsFoldersOnStart() {
        assertTrue(Files.isDirectory(root().resolve("_uploads")));
    }

    @Test
    void purgesTemporaryFilesOfInterruptedWritesWithinMinutesNotADay() throws Exception {
        Path uploads = root().resolve("_uploads");
        // A whole-blob PUT cut by kill -9 a quarter of an hour ago: it belongs to no upload session.
        Path crashedPut = Files.writeString(uploads.resolve("put-1234.tmp"), "half a layer");
        Path crashedGc = Files.writeString(uploads.resolve("gc-1234.tmp"), "a blob set aside");
        // Another copy of Hoist on the same store is writing this one right now.
        Path runningPut = Files.writeString(uploads.resolve("put-5678.tmp"), "a layer arriving");
        makeOld(crashedPut, Duration.ofMinutes(15));
        makeOld(crashedGc, Duration.ofMinutes(15));
        store.startUpload("resumable");
        makeOld(uploads.resolve("resumable"), Duration.ofHours(2));

        assertEquals(2, store.purgeStaleUploads(Duration.ofHours(24)));
        assertFalse(Files.exists(crashedPut));
        assertFalse(Files.exists(crashedGc));
        assertTrue(Files.exists(runningPut));
        assertEquals(0, store.uploadSize("resumable"), "a chunked upload may resume for a day");
    }

    @Test
    void aFullDiskIsTheStoresFailureAndNamesTheStore() throws Exception {
        store.startUpload("full");
        // Every write to /dev/full fails with ENOSPC, as on a full filesystem.
        Path file = root().resolve("_uploads").resolve("full");
        Files.delete(file);
        Files.createSymbolicLink(file, Path.of("/dev/full"));

        StorageWriteException failure = assertThrows(StorageWriteException.class,
                () -> store.append("full", 0, stream(text("a layer that does not fit"))));

        assertTrue(failure.getMessage().contains(root().toString()), failure.getMessage());
        assertTrue(failure.getMessage().contains("No space left on device"), failure.getMessage());
    }

    @Test
    void aClientThatHangsUpIsNotTheDisksFailure() {
        store.startUpload("cut");
        java.io.InputStream hungUp = new java.io.InputStream() {
            @Override
            public int read() throws java.io.IOException {
                throw new java.io.IOException("Connection reset by peer");
            }
        };

        assertThrows(java.io.UncheckedIOException.class, () -> store.append("cut", 0, hungUp));
        assertThrows(java.io.UncheckedIOException.class, () -> store.put(sha256(text("x")), hungUp));
    }

    @Test
    void refusedUploadIdsCreateNothingOutsideTheStore() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> store.startUpload("../../escaped"));
        assertThrows(UnknownUploadException.class, () -> store.append("../../escaped", 0, stream(text("x"))));
        try (Stream<Path> files = Files.walk(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().equals("escaped")));
        }
    }

    @Test
    void twoStoresOnOneRootShareBlobsAndUploads() {
        // Copies of Hoist side by side share a root; here, two stores in one JVM.
        BlobStore other = new FilesystemBlobStore(root());
        store.startUpload("shared");
        store.append("shared", 0, stream(text("from one ")));
        assertThrows(UploadOffsetException.class, () -> other.append("shared", 0, stream(text("clash"))));
        other.append("shared", 9, stream(text("and the other")));
        other.commit("shared", sha256(text("from one and the other")));
        assertArrayEquals(text("from one and the other"),
                readAll(store.open(sha256(text("from one and the other")), 0, 22)));
    }
}
