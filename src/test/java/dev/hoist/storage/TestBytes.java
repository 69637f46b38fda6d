package dev.hoist.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;

/** Content for the blob store tests: fixed arrays, endless generated streams and their digests. */
final class TestBytes {

    private TestBytes() {
    }

    static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    static Digest sha256(byte[] bytes) {
        return digest(Digest.Algorithm.SHA256, bytes);
    }

    static Digest digest(Digest.Algorithm algorithm, byte[] bytes) {
        return Digest.of(algorithm, algorithm.newMessageDigest().digest(bytes));
    }

    /** Hashes a stream to its end without keeping it, and closes it. */
    static Digest digest(Digest.Algorithm algorithm, InputStream in) {
        MessageDigest hash = algorithm.newMessageDigest();
        byte[] buffer = new byte[64 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                hash.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Digest.of(algorithm, hash.digest());
    }

    static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code length} pseudo-random bytes made on the fly: the same seed gives the same bytes. */
    static InputStream generated(long length, long seed) {
        return new InputStream() {
            private long left = length;
            private long state = seed | 1;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                for (int i = 0; i < n; i++) {
                    state ^= state << 13;
                    state ^= state >>> 7;
                    state ^= state << 17;
                    b[off + i] = (byte) state;
                }
                left -= n;
                return n;
            }
        };
    }

    /** Gives {@code bytes} and then fails, like a client that hangs up mid-upload. */
    static InputStream failingAfter(byte[] bytes) {
        return new InputStream() {
            private int next;

            @Override
            public int read() throws IOException {
                if (next == bytes.length) {
                    throw new IOException("The client hung up");
                }
                return bytes[next++] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (next == bytes.length) {
                    throw new IOException("The client hung up");
                }
                int n = Math.min(len, bytes.length - next);
                System.arraycopy(bytes, next, b, off, n);
                next += n;
                return n;
            }
        };
    }
}
