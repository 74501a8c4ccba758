package dev.parley.core.model;

import java.time.Instant;

/** When a member's delivered / read watermark first reached a message (null: not yet, or not visible). */
public record ReceiptInfo(long userId, Instant deliveredAt, Instant readAt) {
}
