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

    /** The membership of a user: the current one, or the latest past one; empty if never a member. */
    Optional<Member> member(long chatId, long userId);

    /** All memberships of the chat, active and past. */
    List<Member> members(long chatId);

    /**
     * Chats in which the user has a membership (active, or past: a removed member still sees the group up to
     * their removal), newest activity first. Each summary holds the active members (plus the user's own
     * membership if it is past), the group data for groups, the newest entry inside the user's window
     * (joinSeq ≤ seq ≤ leaveSeq) and the unread count (see {@link ChatSummary}).
     */
    List<ChatSummary> chatsOf(long userId);

    /**
     * The other member of every direct chat of the user, ascending, without duplicates: the people whose presence
     * the user sees without asking (what {@link #chatsOf} would give for the direct chats, without building every
     * summary — it runs on every connect).
     */
    List<Long> directPeers(long userId);
}
