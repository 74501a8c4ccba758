package dev.parley.server.ws;

import java.time.Clock;

/**
 * Counts offences (invalid frames, refused requests) in a sliding one-minute window (two fixed halves)
 * and says when a connection has passed its allowance. Thread-safe (the event loop and the session's
 * executor both record offences).
 */
final class AbuseMeter {
    private final Clock clock;
    private final int perMinute;
    private long windowStart;
    private int previous;
    private int current;

    AbuseMeter(Clock clock, int perMinute) {
        this.clock = clock;
        this.perMinute = perMinute;
        this.windowStart = clock.millis();
    }

    /** Records one offence; true when more than the allowance happened within about a minute. */
    synchronized boolean offend() {
        long now = clock.millis();
        long elapsed = now - windowStart;
        if (elapsed >= 60_000) {
            previous = elapsed >= 120_000 ? 0 : current;
            current = 0;
            windowStart = now - (elapsed % 60_000);
        }
        current++;
        double weight = 1.0 - (double) (now - windowStart) / 60_000;
        return previous * weight + current > perMinute;
    }
}
