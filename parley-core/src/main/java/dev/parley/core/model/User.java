package dev.parley.core.model;

import java.time.Instant;

/** A registered person. {@code username} and {@code phone} are optional but at least one is set. */
public record User(long id, String username, String phone, String displayName, Settings settings, Instant createdAt) {
}
