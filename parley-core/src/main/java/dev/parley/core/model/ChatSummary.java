package dev.parley.core.model;

import java.util.List;

/**
 * A chat as one member sees it in the chat list: its active members (watermarks included; for a member who
 * left, their own past membership), the group data ({@code group} null for direct chats), the newest entry
 * visible to the member ({@code lastMessage}, null when none) and {@code unread}: messages (not system
 * entries) from others with seq above the member's readSeq, inside the member's window.
 */
public record ChatSummary(Chat chat, List<Member> members, Message lastMessage, long unread, Group group) {
}
