package dev.parley.core.port;

import dev.parley.core.model.Chat;
import dev.parley.core.model.ChatSummary;
import dev.parley.core.model.Member;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Chats and memberships (with receipt watermarks). */
public interface ChatStore {

    /**
     * The direct chat of two distinct users, created if absent: the same chat whoever asks, also under
     * concurrent calls. On creation a {@code ChatCreated} entry is appended to both users' update streams
     * in the same durable step and handed to the {@link UpdateListener}.
     */
    Chat openDirect(long userA, long userB, Instant now);

    Optional<Chat> chat(long chatId);

    /** The membership of a user (active or past), if any. */
    Optional<Member> member(long chatId, long userId);

    /** All memberships of the chat, active and past. */
    List<Member> members(long chatId);

    /** Chats in which the user is an active member, with members and last message; newest activity first. */
    List<ChatSummary> chatsOf(long userId);
}
