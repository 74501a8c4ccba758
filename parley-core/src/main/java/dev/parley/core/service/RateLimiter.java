package dev.parley.core.service;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets keyed by any value (a device id, a client IP address). {@link #tryAcquire} takes one token if there is one.
 * Buckets of keys idle long enough to be full again are dropped by {@link #evictIdle}.
 */
public final class RateLimiter {
    private final Clock clock;
    private final double perSecond;
    private final double burst;
    private final Map<Object, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(Clock clock, double perSecond, int burst) {
        this.clock = clock;
        this.perSecond = perSecond;
        this.burst = burst;
    }

    public boolean tryAcquire(Object key) {
        return tryAcquire(key, 1);
    }

    /** Takes {@code n} tokens at once, or none. */
    public boolean tryAcquire(Object key, int n) {
        long now = clock.millis();
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.updatedAt) * perSecond / 1000.0);
            b.updatedAt = now;
            if (b.tokens < n) {
                return false;
            }
            b.tokens -= n;
            return true;
        }
    }

    /** Seconds until {@code key} has a token again (at least 1), for a Retry-After header. */
    public long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(1 / perSecond));
    }

    /** Drops buckets that are full again; call periodically so memory does not grow with the number of keys. */
    public void evictIdle() {
        long now = clock.millis();
        long fullAfterMillis = (long) Math.ceil(burst / perSecond * 1000);
        buckets.values().removeIf(b -> now - b.updatedAt > fullAfterMillis);
    }

    private static final class Bucket {
        double tokens;
        long updatedAt;

        Bucket(double tokens, long updatedAt) {
            this.tokens = tokens;
            this.updatedAt = updatedAt;
        }
    }
}
