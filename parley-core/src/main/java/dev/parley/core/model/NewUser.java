package dev.parley.core.model;

import java.time.Instant;

/** A validated registration, password already hashed. */
public record NewUser(String username, String phone, String displayName, String passwordHash, Instant createdAt) {
}
