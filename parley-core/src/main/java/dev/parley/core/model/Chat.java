package dev.parley.core.model;

import java.time.Instant;

/**
 * A conversation. {@code lastSeq}: the seq of the newest entry (0 when empty). {@code timerSeconds}: the
 * disappearing-message timer (0: off); messages sent while it is on expire that long after they were sent.
 */
public record Chat(long id, ChatKind kind, long lastSeq, Instant createdAt, long timerSeconds) {

    /** A chat without a disappearing-message timer. */
    public Chat(long id, ChatKind kind, long lastSeq, Instant createdAt) {
        this(id, kind, lastSeq, createdAt, 0);
    }
}
