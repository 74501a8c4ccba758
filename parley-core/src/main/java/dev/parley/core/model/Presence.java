package dev.parley.core.model;

import java.time.Instant;

/** A user's presence: online now, or when they were last online ({@code lastSeen} null: never, or unknown). */
public record Presence(long userId, boolean online, Instant lastSeen) {
}
