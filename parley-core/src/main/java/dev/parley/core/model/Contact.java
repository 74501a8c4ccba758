package dev.parley.core.model;

import java.time.Instant;

/** Someone in a user's contact list, under the name the owner gave them. */
public record Contact(long ownerId, long userId, String name, Instant addedAt) {
}
