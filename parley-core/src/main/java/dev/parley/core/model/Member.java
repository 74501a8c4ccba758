package dev.parley.core.model;

/**
 * A user's membership of a chat with its receipt watermarks. Messages visible to the member have
 * {@code joinSeq < seq < leaveSeq}; {@code leaveSeq} is {@link Long#MAX_VALUE} while the member is in.
 * {@code deliveredSeq} and {@code readSeq} only move forward, and readSeq ≤ deliveredSeq ≤ the chat's lastSeq.
 */
public record Member(long chatId, long userId, Role role, long joinSeq, long leaveSeq, long deliveredSeq,
                     long readSeq) {
    public boolean active() {
        return leaveSeq == Long.MAX_VALUE;
    }
}
