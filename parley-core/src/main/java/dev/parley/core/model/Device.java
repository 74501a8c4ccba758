package dev.parley.core.model;

import java.time.Instant;

/**
 * A logged-in device of a user. {@code ackedCursor}: the highest update-stream cursor the device has
 * acknowledged; delivery resumes after it.
 */
public record Device(long id, long userId, String name, Instant createdAt, long ackedCursor) {
}
