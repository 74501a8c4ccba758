package dev.parley.core.model;

/** Outcome of {@code MessageLog.append}. */
public sealed interface AppendResult {

    /** The message is durably stored. {@code duplicate}: it was stored earlier under the same clientId. */
    record Appended(Message message, boolean duplicate) implements AppendResult {
    }

    /** The sender is an active member but may not send now (a group where only admins may send). */
    record NotAllowed(long chatId, long senderId) implements AppendResult {
    }

    /** The sender is not an active member of the chat at the moment of sequencing (or the chat does not exist). */
    record NotMember(long chatId, long senderId) implements AppendResult {
    }

    /** The draft references media that does not exist (never uploaded, or garbage-collected). Nothing is stored. */
    record MediaMissing(String mediaId) implements AppendResult {
    }
}
