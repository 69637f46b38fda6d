package dev.hoist.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Content-addressed bytes: layers and image configs, each stored once under its digest.
 *
 * <p>Bytes arrive either whole ({@link #put}) or as an upload session that grows chunk by chunk
 * and is committed under the digest the client announces. Either way they are hashed while
 * streaming and become visible only if the digest matches, all at once: a failed, mismatched or
 * interrupted upload never shows. Nothing is ever held whole in memory.
 *
 * <p>Upload ids are chosen by the caller (a random UUID, say) and are 1 to 100 characters from
 * {@code [A-Za-z0-9_-]}. {@link #startUpload} refuses any other id; elsewhere such an id names no
 * upload. I/O failures surface as {@link java.io.UncheckedIOException}.
 */
public interface BlobStore {

    /** Creates an empty upload; the id must be valid and not in use. */
    void startUpload(String uploadId);

    /**
     * Appends {@code data} to the upload and returns its new size. A chunk lands whole or not at
     * all, so a client may resend it after a failure.
     *
     * @throws UploadOffsetException if the upload's size is not {@code expectedOffset}; nothing is written
     * @throws UnknownUploadException if there is no such upload
     */
    long append(String uploadId, long expectedOffset, InputStream data);

    /** @throws UnknownUploadException if there is no such upload */
    long uploadSize(String uploadId);

    /**
     * Makes the upload's bytes the blob {@code expected} and ends the upload.
     *
     * @throws DigestMismatchException if the bytes hash to another digest; the upload is deleted
     * @throws UnknownUploadException if there is no such upload
     */
    void commit(String uploadId, Digest expected);

    /**
     * Stores a whole blob in one go.
     *
     * @throws DigestMismatchException if the bytes hash to another digest; nothing is kept
     */
    void put(Digest expected, InputStream data);

    /** Drops an upload and its bytes; does nothing if there is no such upload. */
    void cancelUpload(String uploadId);

    boolean exists(Digest digest);

    /** @throws BlobNotFoundException if there is no such blob */
    long size(Digest digest);

    /**
     * {@code length} bytes of the blob from {@code offset}; the caller closes the stream. The range
     * must lie inside the blob.
     *
     * @throws BlobNotFoundException if there is no such blob
     * @throws IllegalArgumentException if the range does not lie inside the blob
     */
    InputStream open(Digest digest, long offset, long length);

    /**
     * The blob's file when this store keeps blobs on a local disk, so that it can be sent without
     * copying through the JVM; empty for remote stores.
     *
     * @throws BlobNotFoundException if there is no such blob
     */
    Optional<Path> localFile(Digest digest);

    /** Removes the blob; does nothing if there is no such blob. */
    void delete(Digest digest);

    /**
     * Every blob's digest, read lazily as the stream is consumed; the caller closes the stream.
     * Blobs stored or removed meanwhile may or may not be listed.
     */
    Stream<Digest> digests();

    /**
     * Removes the blob unless it was stored at or after {@code cutoff}. Storing a blob that exists
     * already ({@link #put} or {@link #commit}) counts as storing it again, and a store racing
     * with this call either lands before it, and the blob stays, or after it, and the blob is
     * there again: garbage collection relies on this to never take a blob being pushed.
     *
     * @return whether the blob was removed; false if there is no such blob
     */
    boolean deleteIfStoredBefore(Digest digest, Instant cutoff);

    /**
     * Deletes uploads untouched for longer than {@code olderThan}, and the leftovers of
     * interrupted whole-blob writes (which belong to no upload, and no running write leaves
     * untouched for minutes) sooner: run at start-up to clean after a crash, and every hour.
     *
     * @return how many were deleted
     */
    int purgeStaleUploads(Duration olderThan);
}
