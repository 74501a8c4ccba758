package dev.parley.core.model;

import java.util.List;

/**
 * A chat as one member sees it in the chat list: its members (watermarks included), the newest message
 * ({@code lastMessage} null when empty) and {@code unread}: messages from others with seq above the
 * member's readSeq.
 */
public record ChatSummary(Chat chat, List<Member> members, Message lastMessage, long unread) {
}
