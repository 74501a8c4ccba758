package dev.parley.client;

import dev.parley.protocol.Views;

/**
 * What {@link ParleyClient#joinByInvite(String)} achieved: {@link Joined} (I am a member now) or {@link Pending}
 * (the invite needs an admin's approval; a {@code chat} update and the {@code joined} system entry follow if
 * an admin approves, nothing if they reject).
 */
public sealed interface JoinResult {

    /** The group's chat id. */
    long chatId();

    /** True when I am a member now. */
    default boolean joined() {
        return this instanceof Joined;
    }

    /** I joined the group; {@code chat} is the group as I see it now. */
    record Joined(Views.Chat chat) implements JoinResult {
        @Override
        public long chatId() {
            return chat.id();
        }
    }

    /** My request to join chat {@code chatId} waits for an admin's approval. */
    record Pending(long chatId) implements JoinResult {
    }
}
