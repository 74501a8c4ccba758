package dev.parley.testkit.media;

import java.io.InputStream;
import java.util.SplittableRandom;

/**
 * A deterministic stream of {@code length} pseudo-random bytes: two streams with the same seed yield the same bytes
 * whatever the sizes of the reads, so a large blob can be written and checked without ever being held in memory.
 * Produces the bytes block by block (64 KiB) and can call a probe once when a given position is first reached.
 */
public final class PseudoRandomStream extends InputStream {
    private static final int BLOCK = 64 * 1024;

    private final SplittableRandom random;
    private final long length;
    private final byte[] block = new byte[BLOCK];
    private int blockPos = BLOCK;
    private long position;
    private long probeAt = -1;
    private Runnable probe;

    public PseudoRandomStream(long seed, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("the length of a pseudo-random stream must be >= 0, was " + length);
        }
        this.random = new SplittableRandom(seed);
        this.length = length;
    }

    /** Runs {@code action} once, when the stream first reaches {@code at} bytes read. Returns this stream. */
    public PseudoRandomStream onReaching(long at, Runnable action) {
        this.probeAt = at;
        this.probe = action;
        return this;
    }

    /** Bytes read so far. */
    public long position() {
        return position;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (position >= length) {
            return -1;
        }
        if (blockPos == BLOCK) {
            random.nextBytes(block);
            blockPos = 0;
        }
        int n = (int) Math.min(Math.min(len, BLOCK - blockPos), length - position);
        if (probe != null && position < probeAt) {
            n = (int) Math.min(n, probeAt - position);
        }
        System.arraycopy(block, blockPos, b, off, n);
        blockPos += n;
        position += n;
        if (probe != null && position == probeAt) {
            Runnable action = probe;
            probe = null;
            action.run();
        }
        return n;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, Math.min(length - position, BLOCK - blockPos));
    }
}
