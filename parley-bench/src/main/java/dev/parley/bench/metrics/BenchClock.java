package dev.parley.bench.metrics;

/**
 * The generator's time base: nanoseconds since the process started, from {@link System#nanoTime()}. Scheduled send
 * times travel in the message's {@code clientId} ({@link #clientId}) and come back in {@code accepted} and in the
 * members' {@code message} updates, so the latency of every message is known without a lookup table.
 */
public final class BenchClock {
    private static final long EPOCH = System.nanoTime();

    private BenchClock() {
    }

    public static long now() {
        return System.nanoTime() - EPOCH;
    }

    /** {@code <scheduled nanos, base 36>.<per-sender counter, base 36>}: unique per sender, at most 27 chars. */
    public static String clientId(long intendedNanos, long counter) {
        return Long.toString(intendedNanos, 36) + "." + Long.toString(counter, 36);
    }

    /** The scheduled time carried by a bench clientId, or -1 for another id (e.g. a bulk-loaded backlog). */
    public static long intended(String clientId) {
        if (clientId == null) {
            return -1;
        }
        int dot = clientId.indexOf('.');
        if (dot <= 0) {
            return -1;
        }
        try {
            return Long.parseLong(clientId, 0, dot, 36);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
