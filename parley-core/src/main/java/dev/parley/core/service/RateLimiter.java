package dev.parley.core.service;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets keyed by a long (a device id). {@link #tryAcquire} takes one token if there is one.
 * Buckets of keys idle long enough to be full again are dropped by {@link #evictIdle}.
 */
public final class RateLimiter {
    private final Clock clock;
    private final double perSecond;
    private final double burst;
    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(Clock clock, double perSecond, int burst) {
        this.clock = clock;
        this.perSecond = perSecond;
        this.burst = burst;
    }

    public boolean tryAcquire(long key) {
        long now = clock.millis();
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.updatedAt) * perSecond / 1000.0);
            b.updatedAt = now;
            if (b.tokens < 1) {
                return false;
            }
            b.tokens -= 1;
            return true;
        }
    }

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
