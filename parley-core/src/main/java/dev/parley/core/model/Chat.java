package dev.parley.core.model;

import java.time.Instant;

/** A conversation. {@code lastSeq}: the seq of the newest entry (0 when empty). */
public record Chat(long id, ChatKind kind, long lastSeq, Instant createdAt) {
}
