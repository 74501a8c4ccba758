package dev.parley.testkit.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** Byte-stream helpers of {@link BlobStoreContract}: digests, comparisons, heap probes and wrapping streams. */
final class BlobBytes {
    private BlobBytes() {
    }

    static String sha256(byte[] b) {
        return HexFormat.of().formatHex(digest().digest(b));
    }

    static String sha256(InputStream in) throws IOException {
        MessageDigest digest = digest();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static void assertSameBytes(InputStream actual, InputStream expected, long count) throws IOException {
        byte[] a = new byte[64 * 1024];
        byte[] e = new byte[64 * 1024];
        for (long done = 0; done < count; ) {
            int n = (int) Math.min(a.length, count - done);
            int got = actual.readNBytes(a, 0, n);
            assertThat(got).as("bytes available at %d", done).isEqualTo(n);
            expected.readNBytes(e, 0, n);
            if (!Arrays.equals(a, 0, n, e, 0, n)) {
                throw new AssertionError("the blob differs within bytes [" + done + ", " + (done + n) + ")");
            }
            done += n;
        }
    }

    static long heapInUseAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** At most {@code limit} bytes of a stream, leaving the rest of it unread; closing does not close it. */
    static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left == 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return len == 0 ? 0 : -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() {
        }
    }

    /** A stream that skips its first {@code skip} bytes on first read. */
    static final class Skipped extends FilterInputStream {
        private long skip;

        Skipped(InputStream in, long skip) {
            super(in);
            this.skip = skip;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (skip > 0) {
                in.skipNBytes(skip);
                skip = 0;
            }
            return in.read(b, off, len);
        }
    }

    /** Yields {@code good} bytes of a stream, then fails as a dropped connection would. */
    static final class FailingAfter extends FilterInputStream {
        private long good;

        FailingAfter(InputStream in, long good) {
            super(in);
            this.good = good;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (good == 0) {
                throw new IOException("connection reset (simulated)");
            }
            int n = in.read(b, off, (int) Math.min(len, good));
            if (n > 0) {
                good -= n;
            }
            return n;
        }
    }
}
