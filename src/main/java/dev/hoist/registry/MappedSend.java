package dev.hoist.registry;

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

    /** Writes until the connection's queue is full, then again when it drains; ends the response after the last byte. */
    synchronized void pump() {
        try {
            while (!stopped && position < end && !response.writeQueueFull()) {
                if (window == null || position == window.end) {
                    if (window != null) {
                        window.retire();
                    }
                    window = new Window(channel, position, Math.min(WINDOW, end - position));
                }
                int length = (int) Math.min(SLICE, window.end - position);
                window.write(response, (int) (position - window.start), length);
                position += length;
            }
            if (stopped) {
                return;
            }
            if (position == end) {
                finish();
                response.end();
            } else {
                response.drainHandler(ignored -> pump());
            }
        } catch (IOException | RuntimeException e) {
            // The headers are gone already, so the only honest signal left is a cut connection.
            LOG.debugf(e, "blob response cut off at byte %d", position);
            finish();
            response.reset();
        }
    }

    /** The client went away: write nothing more. */
    synchronized void stop() {
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
            synchronized (this) {
                pending++;
            }
            try {
                response.write(slice, this::written);
            } catch (RuntimeException e) {
                // Whether the connection took the slice is unknown: never unmap this window by hand.
                synchronized (this) {
                    inDoubt = true;
                }
                throw e;
            }
        }

        private synchronized void written(AsyncResult<Void> result) {
            pending--;
            unmapIfDone();
        }

        synchronized void retire() {
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
