package dev.hoist.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copies a request body into a file on two threads: the caller reads (and, through a
 * {@code DigestInputStream}, hashes) the next buffer while a writer thread writes the previous
 * ones. The writer also asks the disk to write back what it has every {@value #FLUSH_EVERY_BYTES}
 * bytes, in the background, so that the {@code force} that makes a finished blob durable has
 * little left to do instead of a whole layer. Memory per copy is bounded: {@value #BUFFERS}
 * buffers of {@value #BUFFER_SIZE} bytes.
 */
final class PipelinedCopy {

    private static final int BUFFER_SIZE = 512 * 1024;
    private static final int BUFFERS = 4;
    private static final long FLUSH_EVERY_BYTES = 32L * 1024 * 1024;

    private static final ExecutorService THREADS = Executors.newCachedThreadPool(daemonThreads());

    private record Chunk(byte[] bytes, int length) {
        static final Chunk END = new Chunk(new byte[0], -1);
    }

    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final FileChannel out;
    private volatile IOException writeFailure;
    private CompletableFuture<Void> flush = CompletableFuture.completedFuture(null);

    private PipelinedCopy(FileChannel out) {
        this.out = out;
    }

    /** Appends everything {@code in} holds at the channel's position; returns the byte count. */
    static long copy(InputStream in, FileChannel out) throws IOException {
        byte[] first = new byte[BUFFER_SIZE];
        int length = fill(in, first);
        if (length < first.length) {
            // Small bodies (configs, small layers) need no second thread.
            writeFully(out, first, Math.max(length, 0));
            return Math.max(length, 0);
        }
        return new PipelinedCopy(out).run(in, first);
    }

    private long run(InputStream in, byte[] first) throws IOException {
        for (int i = 1; i < BUFFERS; i++) {
            free.add(new byte[BUFFER_SIZE]);
        }
        CompletableFuture<Void> writer = CompletableFuture.runAsync(this::writeAll, THREADS);
        long total = 0;
        try {
            byte[] buffer = first;
            int length = first.length;
            while (true) {
                put(new Chunk(buffer, length));
                total += length;
                if (length < buffer.length || writeFailure != null) {
                    break;
                }
                buffer = take();
                length = Math.max(fill(in, buffer), 0);
            }
        } finally {
            // Always let the writer finish, also when reading failed (a client that hung up).
            putQuietly(Chunk.END);
            await(writer);
        }
        if (writeFailure != null) {
            throw writeFailure;
        }
        return total;
    }

    private void writeAll() {
        long sinceFlush = 0;
        while (true) {
            Chunk chunk = takeChunk();
            if (chunk == Chunk.END) {
                break;
            }
            if (writeFailure == null) {
                try {
                    writeFully(out, chunk.bytes(), chunk.length());
                    sinceFlush += chunk.length();
                    if (sinceFlush >= FLUSH_EVERY_BYTES && flush.isDone()) {
                        sinceFlush = 0;
                        flush = CompletableFuture.runAsync(this::writeBack, THREADS);
                    }
                } catch (IOException e) {
                    writeFailure = e;
                }
            }
            free.offer(chunk.bytes());
        }
        flush.join();
    }

    /** Starts the disk on what is written so far; the final force still decides durability. */
    private void writeBack() {
        try {
            out.force(false);
        } catch (IOException e) {
            // The final force reports a real problem; this one is only a head start.
        }
    }

    private static int fill(InputStream in, byte[] buffer) throws IOException {
        int filled = 0;
        while (filled < buffer.length) {
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                return filled == 0 ? -1 : filled;
            }
            filled += n;
        }
        return filled;
    }

    private static void writeFully(FileChannel out, byte[] bytes, int length) throws DiskWriteException {
        ByteBuffer chunk = ByteBuffer.wrap(bytes, 0, length);
        try {
            while (chunk.hasRemaining()) {
                out.write(chunk);
            }
        } catch (IOException e) {
            throw DiskWriteException.of(e);
        }
    }

    private void put(Chunk chunk) throws InterruptedIOException {
        try {
            full.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing an upload");
        }
    }

    private void putQuietly(Chunk chunk) {
        // The queue holds BUFFERS + 1 entries and at most BUFFERS buffers circulate, so END always fits.
        full.offer(chunk);
    }

    private byte[] take() throws InterruptedIOException {
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading an upload");
        }
    }

    /** Waits for the next chunk; an interrupt fails the copy but keeps draining, so the reader never blocks. */
    private Chunk takeChunk() {
        while (true) {
            try {
                return full.take();
            } catch (InterruptedException e) {
                writeFailure = new InterruptedIOException("interrupted while writing an upload");
            }
        }
    }

    private static void await(CompletableFuture<Void> writer) throws IOException {
        try {
            writer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while finishing an upload");
        } catch (ExecutionException e) {
            throw new UncheckedIOException(new IOException("upload writer failed", e.getCause()));
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "hoist-blob-writer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
