package dev.parley.core.model;

/** Entry {@code cursor} of user {@code userId}'s update stream. Cursors are 1, 2, 3 … per user, no gaps. */
public record Update(long userId, long cursor, Event event) {
}
