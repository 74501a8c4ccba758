package dev.parley.client;

import java.util.function.LongSupplier;

/**
 * Feeds a {@link ProgressListener}: drops values that do not move forward and calls at most once per
 * {@link #INTERVAL_NANOS} (about 20 times a second), except that reaching the total is always reported, once.
 * Thread-safe: the HTTP client's threads report while the caller's thread finishes.
 */
final class Progress {
    static final long INTERVAL_NANOS = 50_000_000L;

    private final ProgressListener listener;
    private final LongSupplier nanoTime;
    private long total = -1;
    private long reported = -1;
    private long lastCall;
    private boolean called;

    Progress(ProgressListener listener, LongSupplier nanoTime) {
        this.listener = listener == null ? ProgressListener.NONE : listener;
        this.nanoTime = nanoTime;
    }

    Progress(ProgressListener listener) {
        this(listener, System::nanoTime);
    }

    ProgressListener listener() {
        return listener;
    }

    /** The size of the whole transfer, once known. */
    synchronized void total(long total) {
        this.total = total;
    }

    /**
     * {@code done} bytes are through; reported if ahead of the last report and the interval passed (or complete).
     * The listener is called under the lock so that two threads cannot deliver values out of order.
     */
    synchronized void at(long done) {
        long now = nanoTime.getAsLong();
        boolean complete = total >= 0 && done >= total;
        long value = total >= 0 ? Math.min(done, total) : done;
        if (value <= reported || !complete && called && now - lastCall < INTERVAL_NANOS) {
            return;
        }
        reported = value;
        lastCall = now;
        called = true;
        listener.progress(value, total);
    }

    /** Reports the total as done (the transfer finished, or the server already had everything). */
    synchronized void finish() {
        at(total);
    }
}
