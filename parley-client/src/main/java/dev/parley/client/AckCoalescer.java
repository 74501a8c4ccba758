package dev.parley.client;

import java.util.OptionalLong;

/**
 * Decides when to acknowledge processed cursors, so that a burst of updates costs one {@code ack} frame
 * instead of one per update. The owner flushes when {@link #processed} says the batch is full, when its
 * delay timer fires, and at {@code synced}. Not thread-safe: used from the client's event loop only.
 */
final class AckCoalescer {
    private final int maxBatch;
    private long processed;
    private long acked;
    private int unacked;

    /** @param maxBatch flush as soon as this many processed updates are unacknowledged */
    AckCoalescer(int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("ack batch must be >= 1, got " + maxBatch);
        }
        this.maxBatch = maxBatch;
    }

    /**
     * A new connection starts: the server already holds {@code serverCursor} as this device's position, so
     * nothing at or below it needs acknowledging again.
     */
    void reset(long serverCursor) {
        acked = serverCursor;
        unacked = processed > acked ? 1 : 0;
    }

    /** Records that every update up to {@code cursor} is processed; true when the batch is full (flush now). */
    boolean processed(long cursor) {
        if (cursor > processed) {
            processed = cursor;
            unacked++;
        }
        return unacked >= maxBatch;
    }

    /** True when some processed cursor was not acknowledged yet. */
    boolean hasPending() {
        return processed > acked;
    }

    /** The cursor to acknowledge now, marking it acknowledged; empty when there is nothing new. */
    OptionalLong take() {
        unacked = 0;
        if (processed <= acked) {
            return OptionalLong.empty();
        }
        acked = processed;
        return OptionalLong.of(processed);
    }
}
