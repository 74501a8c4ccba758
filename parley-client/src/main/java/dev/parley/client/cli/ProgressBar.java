package dev.parley.client.cli;

import dev.parley.client.ProgressListener;
import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * A transfer's progress on one terminal line, redrawn in place with a carriage return:
 * {@code [########            ] 42%  11.2/26.7 MB  3.4 MB/s}. The speed counts only the bytes moved since the first
 * report (a resumed transfer does not look faster than it is) and shows once some time passed.
 */
final class ProgressBar implements ProgressListener {
    static final int WIDTH = 20;
    private static final long MIN_RATE_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final LongSupplier nanoTime;
    private long startNanos = -1;
    private long startBytes;
    private int lastLength;
    private boolean drawn;

    ProgressBar(PrintWriter err, LongSupplier nanoTime) {
        this.err = err;
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized void progress(long done, long total) {
        long now = nanoTime.getAsLong();
        if (startNanos < 0) {
            startNanos = now;
            startBytes = done;
        }
        long elapsed = now - startNanos;
        double rate = elapsed >= MIN_RATE_NANOS ? (done - startBytes) * 1e9 / elapsed : -1;
        String line = render(done, total, rate);
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
        drawn = true;
    }

    /** Ends the bar's line, if one was drawn, so that what follows starts on a line of its own. */
    synchronized void done() {
        if (drawn) {
            err.println();
            err.flush();
        }
        drawn = false;
    }

    /**
     * One frame of the bar.
     *
     * @param total the size, or -1 when unknown (then only the count and the speed are shown)
     * @param rate  bytes per second, or negative when not known yet
     */
    static String render(long done, long total, double rate) {
        String speed = rate >= 0 ? "  " + ByteSizes.rate(rate) : "";
        if (total <= 0) {
            return ByteSizes.human(done) + speed;
        }
        long clamped = Math.max(0, Math.min(done, total));
        int filled = (int) (WIDTH * clamped / total);
        int percent = (int) (100 * clamped / total);
        return "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "%  "
                + ByteSizes.pair(clamped, total) + speed;
    }
}
