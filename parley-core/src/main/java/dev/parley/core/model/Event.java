package dev.parley.core.model;

import java.util.List;

/** What an update-stream entry says happened. */
public sealed interface Event {

    /** A message was added to a chat the user belongs to (the user's own messages included). */
    record MessageAdded(Message message) implements Event {
    }

    /**
     * Watermarks of {@code memberId} in {@code chatId} moved forward. {@code readShared}: the member shares
     * read receipts (false: only the member's own devices may see {@code readSeq}).
     */
    record ReceiptMoved(long chatId, long memberId, long deliveredSeq, long readSeq, boolean readShared)
            implements Event {
    }

    /**
     * In a group: every active member other than the recipient has delivered ({@code deliveredSeq}) / read
     * ({@code readSeq}) the chat up to these seqs. Sent to members whose own messages these newly cover
     * (✓✓ and blue for the sender), instead of one receipt per member.
     */
    record GroupReceipt(long chatId, long deliveredSeq, long readSeq) implements Event {
    }

    /** Someone asked to join a group the recipient administers (through an invite link needing approval). */
    record JoinRequested(long chatId, long userId) implements Event {
    }

    /**
     * Entries {@code fromSeq..toSeq} of a chat are gone from the server. {@code TIMER}: they disappeared (the chat's
     * timer); every member is told, and clients delete their copies. {@code TTL}: they were not delivered to one of
     * the recipient's devices within the undelivered TTL; only recipients with undelivered entries are told (a
     * device that has some of these seqs keeps them; the range is a gap for the ones it lacks).
     */
    record Expired(long chatId, long fromSeq, long toSeq, Reason reason) implements Event {
        public enum Reason { TIMER, TTL }
    }

    /** A chat the user belongs to was created (or the user was added to a group). */
    record ChatCreated(long chatId, ChatKind kind, List<Long> memberIds) implements Event {
    }
}
