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

    /** A chat the user belongs to was created. */
    record ChatCreated(long chatId, ChatKind kind, List<Long> memberIds) implements Event {
    }
}
