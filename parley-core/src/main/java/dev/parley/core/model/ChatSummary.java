package dev.parley.core.model;

import java.util.List;

/** A chat with its members (watermarks included) and newest message ({@code lastMessage} null when empty). */
public record ChatSummary(Chat chat, List<Member> members, Message lastMessage) {
}
