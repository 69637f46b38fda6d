package dev.hoist.storage;

import static dev.hoist.storage.TestBytes.digest;
import static dev.hoist.storage.TestBytes.failingAfter;
import static dev.hoist.storage.TestBytes.generated;
import static dev.hoist.storage.TestBytes.random;
import static dev.hoist.storage.TestBytes.readAll;
import static dev.hoist.storage.TestBytes.sha256;
import static dev.hoist.storage.TestBytes.stream;
import static dev.hoist.storage.TestBytes.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** What every {@link BlobStore} promises. A store's test extends this and says how to make one. */
public abstract class BlobStoreContract {

    protected BlobStore store;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    /** A new, empty store. */
    protected abstract BlobStore newStore() throws Exception;

    /** Makes the upload look untouched for {@code age}. */
    protected abstract void age(String uploadId, Duration age) throws Exception;

    /** Names of whatever the store holds besides blobs: uploads and temporary files. */
    protected abstract List<String> leftovers() throws Exception;

    @BeforeEach
    void createStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void putThenReadBack() {
        byte[] content = random(100_000, 1);
        Digest digest = sha256(content);
        store.put(digest, stream(content));
        assertTrue(store.exists(digest));
        assertEquals(content.length, store.size(digest));
        assertArrayEquals(content, readAll(store.open(digest, 0, content.length)));
        store.localFile(digest)
                .ifPresent(file -> assertArrayEquals(content, assertDoesNotThrow(() -> Files.readAllBytes(file))));
    }

    @Test
    void storesSha512Blobs() {
        byte[] content = text("a sha512 layer");
        Digest digest = digest(Digest.Algorithm.SHA512, content);
        store.put(digest, stream(content));
        assertArrayEquals(content, readAll(store.open(digest, 0, content.length)));
        assertFalse(store.exists(sha256(content)), "the same bytes under sha256 are another blob");

        store.startUpload("u512");
        store.append("u512", 0, stream(text("other ")));
        store.append("u512", 6, stream(text("bytes")));
        Digest chunked = digest(Digest.Algorithm.SHA512, text("other bytes"));
        store.commit("u512", chunked);
        assertEquals(11, store.size(chunked));
    }

    @Test
    void putWithWrongDigestKeepsNothing() throws Exception {
        byte[] content = text("what was sent");
        Digest claimed = sha256(text("what was announced"));
        DigestMismatchException e =
                assertThrows(DigestMismatchException.class, () -> store.put(claimed, stream(content)));
        assertEquals(claimed, e.expected());
        assertEquals(sha256(content), e.actual());
        assertFalse(store.exists(claimed));
        assertFalse(store.exists(sha256(content)));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void commitWithWrongDigestKeepsNothing() throws Exception {
        store.startUpload("bad");
        store.append("bad", 0, stream(text("what was sent")));
        Digest claimed = sha256(text("what was announced"));
        assertThrows(DigestMismatchException.class, () -> store.commit("bad", claimed));
        assertFalse(store.exists(claimed));
        assertFalse(store.exists(sha256(text("what was sent"))));
        assertThrows(UnknownUploadException.class, () -> store.uploadSize("bad"));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void appendsChunksThenCommits() throws Exception {
        byte[] content = random(300_000, 2);
        store.startUpload("chunked");
        assertEquals(0, store.uploadSize("chunked"));
        assertEquals(100_000, store.append("chunked", 0, stream(Arrays.copyOfRange(content, 0, 100_000))));
        assertEquals(250_000, store.append("chunked", 100_000, stream(Arrays.copyOfRange(content, 100_000, 250_000))));
        assertEquals(300_000, store.append("chunked", 250_000, stream(Arrays.copyOfRange(content, 250_000, 300_000))));
        assertEquals(300_000, store.uploadSize("chunked"));
        assertFalse(store.exists(sha256(content)), "nothing is visible before the commit");

        store.commit("chunked", sha256(content));
        assertArrayEquals(content, readAll(store.open(sha256(content), 0, content.length)));
        assertThrows(UnknownUploadException.class, () -> store.uploadSize("chunked"));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void refusesChunkAtWrongOffsetAndWritesNothing() {
        store.startUpload("offsets");
        store.append("offsets", 0, stream(text("0123456789")));
        for (long wrong : new long[] {0, 5, 11, 20}) {
            UploadOffsetException e = assertThrows(UploadOffsetException.class,
                    () -> store.append("offsets", wrong, stream(text("XYZ"))));
            assertEquals(10, e.currentSize());
            assertEquals("offsets", e.uploadId());
        }
        assertEquals(10, store.uploadSize("offsets"));
        store.commit("offsets", sha256(text("0123456789")));
        assertArrayEquals(text("0123456789"), readAll(store.open(sha256(text("0123456789")), 0, 10)));
    }

    @Test
    void chunkCutOffMidwayIsDropped() {
        store.startUpload("cut");
        store.append("cut", 0, stream(text("first ")));
        assertThrows(UncheckedIOException.class, () -> store.append("cut", 6, failingAfter(text("half a chunk"))));
        assertEquals(6, store.uploadSize("cut"), "the client may resend the chunk at the same offset");
        assertEquals(12, store.append("cut", 6, stream(text("second"))));
    }

    @Test
    void bigChunkCutOffMidwayIsDroppedAndCanBeResent() {
        // Several megabytes: long enough to be written while the rest is still being read.
        byte[] first = random(3 * 1024 * 1024 + 17, 1);
        byte[] second = random(5 * 1024 * 1024 + 333, 2);
        store.startUpload("big-cut");
        store.append("big-cut", 0, stream(first));
        assertThrows(UncheckedIOException.class,
                () -> store.append("big-cut", first.length, failingAfter(Arrays.copyOf(second, 4 * 1024 * 1024 + 5))));
        assertEquals(first.length, store.uploadSize("big-cut"));
        assertEquals(first.length + second.length, store.append("big-cut", first.length, stream(second)));
        byte[] whole = new byte[first.length + second.length];
        System.arraycopy(first, 0, whole, 0, first.length);
        System.arraycopy(second, 0, whole, first.length, second.length);
        store.commit("big-cut", sha256(whole));
        assertArrayEquals(whole, readAll(store.open(sha256(whole), 0, whole.length)));
    }

    @Test
    void bigPutCutOffMidwayKeepsNothing() throws Exception {
        byte[] content = random(6 * 1024 * 1024, 3);
        assertThrows(UncheckedIOException.class,
                () -> store.put(sha256(content), failingAfter(Arrays.copyOf(content, 5 * 1024 * 1024 + 1))));
        assertFalse(store.exists(sha256(content)));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void putCutOffMidwayKeepsNothing() throws Exception {
        byte[] content = text("a layer the client never finished");
        assertThrows(UncheckedIOException.class,
                () -> store.put(sha256(content), failingAfter(Arrays.copyOf(content, 10))));
        assertFalse(store.exists(sha256(content)));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void unknownUploadIds() {
        Digest digest = sha256(text("x"));
        assertThrows(UnknownUploadException.class, () -> store.uploadSize("never-started"));
        assertThrows(UnknownUploadException.class, () -> store.append("never-started", 0, stream(text("x"))));
        assertThrows(UnknownUploadException.class, () -> store.commit("never-started", digest));
        assertDoesNotThrow(() -> store.cancelUpload("never-started"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"..", "../escape", "a/b", "a\\b", "with space", "dot.ted", "ünïcode",
            "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789x"})
    void refusesUploadIdsThatCouldLeaveTheStore(String id) {
        assertThrows(IllegalArgumentException.class, () -> store.startUpload(id));
        assertThrows(UnknownUploadException.class, () -> store.uploadSize(id));
        assertThrows(UnknownUploadException.class, () -> store.append(id, 0, stream(text("x"))));
        assertThrows(UnknownUploadException.class, () -> store.commit(id, sha256(text("x"))));
        assertDoesNotThrow(() -> store.cancelUpload(id));
    }

    @Test
    void acceptsLongestValidUploadId() {
        String id = "A-z_9".repeat(20);
        store.startUpload(id);
        assertEquals(0, store.uploadSize(id));
    }

    @Test
    void refusesStartingAnUploadTwice() {
        store.startUpload("twice");
        store.append("twice", 0, stream(text("kept")));
        assertThrows(IllegalArgumentException.class, () -> store.startUpload("twice"));
        assertEquals(4, store.uploadSize("twice"));
    }

    @Test
    void cancelDropsTheUpload() throws Exception {
        store.startUpload("cancelled");
        store.append("cancelled", 0, stream(text("unwanted")));
        store.cancelUpload("cancelled");
        assertThrows(UnknownUploadException.class, () -> store.uploadSize("cancelled"));
        assertThrows(UnknownUploadException.class, () -> store.append("cancelled", 8, stream(text("more"))));
        assertThrows(UnknownUploadException.class, () -> store.commit("cancelled", sha256(text("unwanted"))));
        assertDoesNotThrow(() -> store.cancelUpload("cancelled"));
        assertFalse(store.exists(sha256(text("unwanted"))));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void readsRanges() {
        byte[] content = random(1000, 3);
        Digest digest = sha256(content);
        store.put(digest, stream(content));
        assertArrayEquals(Arrays.copyOfRange(content, 100, 150), readAll(store.open(digest, 100, 50)));
        assertArrayEquals(Arrays.copyOfRange(content, 990, 1000), readAll(store.open(digest, 990, 10)));
        assertArrayEquals(new byte[0], readAll(store.open(digest, 0, 0)));
        assertArrayEquals(new byte[0], readAll(store.open(digest, 1000, 0)));
        assertThrows(IllegalArgumentException.class, () -> store.open(digest, 990, 11));
        assertThrows(IllegalArgumentException.class, () -> store.open(digest, 1001, 0));
        assertThrows(IllegalArgumentException.class, () -> store.open(digest, -1, 5));
        assertThrows(IllegalArgumentException.class, () -> store.open(digest, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> store.open(digest, 10, Long.MAX_VALUE));
    }

    @Test
    void existsSizeAndDelete() {
        byte[] content = text("short-lived");
        Digest digest = sha256(content);
        assertFalse(store.exists(digest));
        assertThrows(BlobNotFoundException.class, () -> store.size(digest));
        assertThrows(BlobNotFoundException.class, () -> store.open(digest, 0, 0));
        assertThrows(BlobNotFoundException.class, () -> store.localFile(digest));
        assertDoesNotThrow(() -> store.delete(digest));

        store.put(digest, stream(content));
        assertTrue(store.exists(digest));
        assertEquals(content.length, store.size(digest));
        store.delete(digest);
        assertFalse(store.exists(digest));
        BlobNotFoundException e = assertThrows(BlobNotFoundException.class, () -> store.size(digest));
        assertEquals(digest, e.digest());
        assertDoesNotThrow(() -> store.delete(digest));
    }

    @Test
    void storesTheSameContentTwice() throws Exception {
        byte[] content = text("a popular base layer");
        Digest digest = sha256(content);
        store.put(digest, stream(content));
        store.put(digest, stream(content));
        store.startUpload("again");
        store.append("again", 0, stream(content));
        store.commit("again", digest);
        assertArrayEquals(content, readAll(store.open(digest, 0, content.length)));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void concurrentCommitsOfTheSameContentBothSucceed() throws Exception {
        // Small blobs and many rounds, so that the two renames often meet.
        for (int round = 0; round < 200; round++) {
            byte[] content = random(1000, 100 + round);
            Digest digest = sha256(content);
            String first = "first" + round;
            String second = "second" + round;
            store.startUpload(first);
            store.startUpload(second);
            store.append(first, 0, stream(content));
            store.append(second, 0, stream(content));
            bothAtOnce(() -> store.commit(first, digest), () -> store.commit(second, digest));
            assertArrayEquals(content, readAll(store.open(digest, 0, content.length)));
            bothAtOnce(() -> store.put(digest, stream(content)), () -> store.put(digest, stream(content)));
            assertEquals(content.length, store.size(digest));
        }
        assertEquals(List.of(), leftovers());
    }

    @Test
    void concurrentAppendsAtOneOffsetLetOneWin() throws Exception {
        for (int round = 0; round < 10; round++) {
            String id = "race" + round;
            byte[] a = random(1 << 20, 200 + round);
            byte[] b = random(1 << 20, 300 + round);
            store.startUpload(id);
            CyclicBarrier start = new CyclicBarrier(2);
            Future<Long> first = threads.submit(() -> appendAfter(start, id, a));
            Future<Long> second = threads.submit(() -> appendAfter(start, id, b));
            long firstResult = first.get(30, TimeUnit.SECONDS);
            long secondResult = second.get(30, TimeUnit.SECONDS);
            assertEquals(List.of((long) -a.length, (long) a.length),
                    Stream.of(firstResult, secondResult).sorted().toList(),
                    "one chunk lands; the other is refused with the new size");
            byte[] winner = firstResult > 0 ? a : b;
            store.commit(id, sha256(winner));
            assertArrayEquals(winner, readAll(store.open(sha256(winner), 0, winner.length)),
                    "one whole chunk, not a mix");
        }
    }

    /** The new size, or minus the current size if the offset was refused. */
    private long appendAfter(CyclicBarrier start, String id, byte[] chunk) throws Exception {
        start.await(10, TimeUnit.SECONDS);
        try {
            return store.append(id, 0, stream(chunk));
        } catch (UploadOffsetException e) {
            return -e.currentSize();
        }
    }

    @Test
    void streamsA64MiBBlob() {
        long length = 64L << 20;
        Digest digest = TestBytes.digest(Digest.Algorithm.SHA256, generated(length, 64));
        store.put(digest, generated(length, 64));
        assertEquals(length, store.size(digest));
        assertEquals(digest, TestBytes.digest(Digest.Algorithm.SHA256, store.open(digest, 0, length)));
    }

    @Test
    void purgesOnlyStaleUploads() throws Exception {
        store.startUpload("abandoned");
        store.append("abandoned", 0, stream(text("left behind by a crash")));
        store.startUpload("active");
        store.append("active", 0, stream(text("still arriving")));
        age("abandoned", Duration.ofHours(25));

        assertEquals(1, store.purgeStaleUploads(Duration.ofHours(24)));
        assertThrows(UnknownUploadException.class, () -> store.uploadSize("abandoned"));
        assertEquals(14, store.uploadSize("active"));
        assertEquals(List.of("active"), leftovers());
        assertEquals(0, store.purgeStaleUploads(Duration.ofHours(24)));
    }

    @Test
    void listsEveryBlobButNotUploads() {
        try (Stream<Digest> none = store.digests()) {
            assertEquals(List.of(), none.toList());
        }
        byte[] one = text("listed once");
        byte[] two = text("listed under sha512");
        store.put(sha256(one), stream(one));
        store.put(digest(Digest.Algorithm.SHA512, two), stream(two));
        store.put(sha256(one), stream(one));
        store.startUpload("unfinished");
        store.append("unfinished", 0, stream(text("not a blob yet")));
        try (Stream<Digest> listed = store.digests()) {
            assertEquals(Set.of(sha256(one), digest(Digest.Algorithm.SHA512, two)), Set.copyOf(listed.toList()));
        }
        store.delete(sha256(one));
        try (Stream<Digest> listed = store.digests()) {
            assertEquals(List.of(digest(Digest.Algorithm.SHA512, two)), listed.toList());
        }
    }

    @Test
    void deletesOnlyBlobsStoredBeforeTheCutoff() throws Exception {
        byte[] content = text("collectable");
        Digest digest = sha256(content);
        assertFalse(store.deleteIfStoredBefore(digest, Instant.now().plusSeconds(3600)), "no such blob");

        store.put(digest, stream(content));
        assertFalse(store.deleteIfStoredBefore(digest, Instant.now().minusSeconds(3600)), "stored after the cutoff");
        assertTrue(store.exists(digest));

        Instant afterFirstStore = later();
        store.put(digest, stream(content));
        assertFalse(store.deleteIfStoredBefore(digest, afterFirstStore), "storing it again makes it young again");
        Instant afterSecondStore = later();
        store.startUpload("again");
        store.append("again", 0, stream(content));
        store.commit("again", digest);
        assertFalse(store.deleteIfStoredBefore(digest, afterSecondStore), "so does committing an upload of it");

        assertTrue(store.deleteIfStoredBefore(digest, later()));
        assertFalse(store.exists(digest));
        assertFalse(store.deleteIfStoredBefore(digest, later()), "already gone");
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aBlobStoredWhileItIsCollectedStays() throws Exception {
        // The collector decided the blob is garbage; a push of the same bytes lands at that moment.
        for (int round = 0; round < 200; round++) {
            byte[] content = random(1000, 500 + round);
            Digest digest = sha256(content);
            store.put(digest, stream(content));
            Instant cutoff = later();
            bothAtOnce(() -> store.put(digest, stream(content)), () -> store.deleteIfStoredBefore(digest, cutoff));
            assertTrue(store.exists(digest), "round " + round + ": the blob just stored is there");
            assertArrayEquals(content, readAll(store.open(digest, 0, content.length)));
        }
        assertEquals(List.of(), leftovers());
    }

    /** An instant after everything done so far, and before anything done next. */
    private static Instant later() throws InterruptedException {
        Thread.sleep(5);
        Instant now = Instant.now();
        Thread.sleep(5);
        return now;
    }

    private void bothAtOnce(Runnable one, Runnable other) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Object>> done =
                threads.invokeAll(List.of(after(start, one), after(start, other)), 60, TimeUnit.SECONDS);
        for (Future<Object> f : done) {
            f.get();
        }
    }

    private static Callable<Object> after(CyclicBarrier start, Runnable action) {
        return () -> {
            start.await(10, TimeUnit.SECONDS);
            action.run();
            return null;
        };
    }
}
