package dev.hoist.registry.api;

import io.netty.buffer.Unpooled;
import io.netty.util.internal.PlatformDependent;
import io.vertx.core.AsyncResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import org.jboss.logging.Logger;

/**
 * One response streamed from a memory-mapped file. The file is mapped a window at a time and written in slices as
 * fast as the connection drains them; a window is unmapped once every write that points into it has completed, so
 * the socket never reads memory that is gone (a window whose writes are in doubt is left for the GC to unmap).
 * Everything after {@link #open} runs on the connection's event loop, so the queue-full check, the drain handler and
 * the write completions see one order of events; pumping from a worker thread lost a drain event and stalled.
 */
final class MappedSend {

    private static final Logger LOG = Logger.getLogger(MappedSend.class);
    private static final long WINDOW = 256L << 20;
    private static final int SLICE = 4 << 20;

    private final HttpServerResponse response;
    private final FileChannel channel;
    private final long end;
    private long position;
    private Window window;
    private boolean stopped;
    private boolean pumping;

    private MappedSend(HttpServerResponse response, FileChannel channel, long offset, long length) {
        this.response = response;
        this.channel = channel;
        this.position = offset;
        this.end = offset + length;
    }

    static MappedSend open(HttpServerResponse response, MappedFile body) throws IOException {
        FileChannel channel = FileChannel.open(body.file());
        response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(body.length()));
        return new MappedSend(response, channel, body.offset(), body.length());
    }

    /** Starts sending; call on the connection's event loop. */
    void start() {
        if (stopped) {
            return; // the client left before the first byte
        }
        response.drainHandler(ignored -> pump());
        pump();
    }

    /** Writes until the connection's queue is full, then again when it drains; ends the response after the last byte. */
    private void pump() {
        if (pumping) {
            // A write can drain the queue and call back in here at once; the loop below goes on by itself.
            return;
        }
        pumping = true;
        try {
            while (!stopped && position < end && !response.writeQueueFull()) {
                if (window == null || position == window.end) {
                    if (window != null) {
                        window.retire();
                    }
                    window = new Window(channel, position, Math.min(WINDOW, end - position));
                }
                int length = (int) Math.min(SLICE, window.end - position);
                int offset = (int) (position - window.start);
                position += length;
                window.write(response, offset, length);
            }
            if (stopped) {
                return;
            }
            if (position == end) {
                finish();
                response.end();
            }
        } catch (IOException | RuntimeException e) {
            // The headers are gone already, so the only honest signal left is a cut connection.
            LOG.debugf(e, "blob response cut off at byte %d", position);
            finish();
            response.reset();
        } finally {
            pumping = false;
        }
    }

    /** The client went away: write nothing more. */
    void stop() {
        finish();
    }

    private void finish() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (window != null) {
            window.retire();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing a blob file", e);
        }
    }

    /** A mapped part of the file and the writes still pointing into it. */
    private static final class Window {
        final long start;
        final long end;
        private final MappedByteBuffer bytes;
        private int pending;
        private boolean retired;
        private boolean inDoubt;
        private boolean unmapped;

        Window(FileChannel channel, long start, long length) throws IOException {
            this.start = start;
            this.end = start + length;
            this.bytes = channel.map(FileChannel.MapMode.READ_ONLY, start, length);
        }

        void write(HttpServerResponse response, int offset, int length) {
            Buffer slice = Buffer.buffer(Unpooled.wrappedBuffer(bytes.slice(offset, length)));
            pending++;
            try {
                response.write(slice, this::written);
            } catch (RuntimeException e) {
                // Whether the connection took the slice is unknown: never unmap this window by hand.
                inDoubt = true;
                throw e;
            }
        }

        private void written(AsyncResult<Void> result) {
            pending--;
            unmapIfDone();
        }

        void retire() {
            retired = true;
            unmapIfDone();
        }

        private void unmapIfDone() {
            if (retired && pending == 0 && !inDoubt && !unmapped) {
                unmapped = true;
                PlatformDependent.freeDirectBuffer(bytes);
            }
        }
    }
}
