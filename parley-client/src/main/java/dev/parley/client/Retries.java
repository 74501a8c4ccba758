package dev.parley.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The retry budget of one transfer: a bounded number of consecutive failed attempts (progress starts the count
 * over), with an exponential backoff between them. Blocks the calling thread while backing off.
 */
final class Retries {
    private final int attempts;
    private final Backoff backoff;
    private int failures;

    /**
     * @param attempts how many attempts in a row may fail before giving up (at least 1)
     */
    Retries(int attempts, Duration min, Duration max) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        this.attempts = attempts;
        this.backoff = new Backoff(min, max, 0.5, Math::random);
    }

    /** The transfer moved forward: the failures so far are forgiven. */
    void progressed() {
        failures = 0;
    }

    /**
     * An attempt failed with {@code error}: rethrows it (an IOException wrapped in {@link UncheckedIOException}) when
     * it was the last one allowed, else waits the backoff.
     *
     * @param what the transfer, for the message ("uploading beach.jpg")
     */
    void failed(Exception error, String what) {
        failures++;
        if (failures >= attempts) {
            throw switch (error) {
                case RuntimeException runtime -> runtime;
                case IOException io -> new UncheckedIOException(what + " failed after " + failures + " attempts: "
                        + io.getMessage(), io);
                default -> new IllegalStateException(what + " failed: " + error, error);
            };
        }
        pause(backoff.delay(failures - 1), what);
    }

    private static void pause(Duration delay, String what) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while " + what));
        }
    }
}
