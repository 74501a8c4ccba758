package dev.parley.core.model;

/** A member's receipt watermarks in one chat after a move. */
public record Watermark(long chatId, long userId, long deliveredSeq, long readSeq) {
}
