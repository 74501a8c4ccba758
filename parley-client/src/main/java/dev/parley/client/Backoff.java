package dev.parley.client;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: exponential from {@code min} doubling per consecutive failure up to {@code max}, minus a
 * random jitter of up to {@code jitter} (a fraction) of that ceiling, never below {@code min}. Jitter spreads
 * the reconnects of many clients after a server restart.
 */
final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private final double jitter;
    private final DoubleSupplier random;

    /**
     * @param random source of uniform values in [0, 1)
     */
    Backoff(Duration min, Duration max, double jitter, DoubleSupplier random) {
        if (min.isNegative() || min.isZero()) {
            throw new IllegalArgumentException("backoff min must be > 0, got " + min);
        }
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff max must be >= min " + min + ", got " + max);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("backoff jitter must be within 0..1, got " + jitter);
        }
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.jitter = jitter;
        this.random = random;
    }

    /** The delay before the next attempt after {@code failures} consecutive failures (0 for the first). */
    Duration delay(int failures) {
        double ceiling = ceiling(failures);
        double jittered = ceiling * (1 - jitter * random.getAsDouble());
        return Duration.ofMillis(Math.max(minMillis, Math.round(jittered)));
    }

    /** The delay without jitter: {@code min * 2^failures}, capped at max. */
    long ceiling(int failures) {
        if (failures < 0) {
            throw new IllegalArgumentException("failures must be >= 0, got " + failures);
        }
        if (failures >= 62) {
            return maxMillis;
        }
        long factor = 1L << failures;
        return minMillis > maxMillis / factor ? maxMillis : Math.min(maxMillis, minMillis * factor);
    }
}
