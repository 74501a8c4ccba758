package dev.parley.core.model;

/**
 * Entry {@code cursor} of user {@code userId}'s update stream. Cursors are assigned 1, 2, 3 … per user; reads may skip
 * cursors whose entries were trimmed (acknowledged by every device) or expired (replaced by an Expired marker).
 */
public record Update(long userId, long cursor, Event event) {
}
