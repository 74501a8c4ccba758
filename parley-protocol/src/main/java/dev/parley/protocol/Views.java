package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** Objects carried inside server frames. Times are epoch milliseconds. */
public final class Views {
    private Views() {
    }

    public record User(long id, String username, String phone, String displayName) {
    }

    /**
     * A message. {@code kind} is "text" for now; {@code replyTo} is the seq of the quoted message in the
     * same chat; {@code ts} is the server's accept time.
     */
    public record Message(long chatId, long seq, String id, long senderId, long senderDeviceId, String clientId,
                          String kind, String text, Long replyTo, long ts, SystemEvent system, Media media) {

        /** A message without media. */
        public Message(long chatId, long seq, String id, long senderId, long senderDeviceId, String clientId,
                       String kind, String text, Long replyTo, long ts, SystemEvent system) {
            this(chatId, seq, id, senderId, senderDeviceId, clientId, kind, text, replyTo, ts, system, null);
        }
    }

    /**
     * The media of an image, video or file message (and the body of the media HTTP endpoints). {@code mime} is the
     * type sniffed from the bytes; {@code thumbnail} a small base64 JPEG or null; width/height/durationMs null where
     * they do not apply. Download the bytes from {@code GET /v1/media/{id}}.
     */
    public record Media(String id, String mime, long size, String sha256, String fileName, Integer width,
                        Integer height, Long durationMs, String thumbnail) {
    }

    /**
     * What a {@code kind: "system"} entry says happened: {@code action} is one of created, added, removed, left,
     * joined, role_changed, owner_changed, info_changed, settings_changed; see docs/protocol.md.
     */
    public record SystemEvent(String action, long actorId, List<Long> userIds, String role, String name,
                              String description, String avatar, Boolean onlyAdminsSend, Boolean onlyAdminsEdit,
                              Long timerSeconds) {

        /** A group event (no timer). */
        public SystemEvent(String action, long actorId, List<Long> userIds, String role, String name,
                           String description, String avatar, Boolean onlyAdminsSend, Boolean onlyAdminsEdit) {
            this(action, actorId, userIds, role, name, description, avatar, onlyAdminsSend, onlyAdminsEdit, null);
        }
    }

    /** {@code online} null: hidden; {@code lastSeen} (epoch ms) null: hidden, unknown, or online now. */
    public record Presence(long userId, Boolean online, Long lastSeen) {
    }

    public record Contact(User user, String name) {
    }

    public record PhoneMatch(String phone, User user) {
    }

    public record Group(String name, String description, String avatar, boolean onlyAdminsSend,
                        boolean onlyAdminsEdit, long createdBy, int maxMembers) {
    }

    public record Invite(String code, long chatId, long createdBy, boolean approvalRequired, long createdAt) {
    }

    public record JoinRequest(long chatId, long userId, long requestedAt) {
    }

    /** When a member got / read a message (epoch ms; null: not yet, or hidden). */
    public record ReceiptInfo(long userId, Long deliveredAt, Long readAt) {
    }

    /**
     * A member's receipt watermarks: every message with seq ≤ deliveredSeq reached a device of the member;
     * seq ≤ readSeq was read. {@code readSeq} is null when read receipts are off on either side.
     */
    public record Member(long userId, String role, long deliveredSeq, Long readSeq) {
    }

    /**
     * A chat as its member sees it. {@code peer}: the other user of a direct chat. {@code unread}: messages of
     * others after my readSeq. {@code members}: the active members' roles and watermarks (mine included).
     * {@code group}: name, settings … of a group (null for direct chats). {@code active}: false once I left or
     * was removed (the chat stays in my list, read-only, up to my removal).
     */
    public record Chat(long id, String kind, long lastSeq, User peer, List<Member> members, Message lastMessage,
                       long readSeq, long unread, long createdAt, Group group, boolean active, Long timerSeconds) {

        /** A chat as servers before disappearing messages sent it ({@code timerSeconds} absent). */
        public Chat(long id, String kind, long lastSeq, User peer, List<Member> members, Message lastMessage,
                    long readSeq, long unread, long createdAt, Group group, boolean active) {
            this(id, kind, lastSeq, peer, members, lastMessage, readSeq, unread, createdAt, group, active, null);
        }
    }

    /** An update-stream event; {@code kind} tells which. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = MessageEvent.class, name = "message"),
            @JsonSubTypes.Type(value = ReceiptEvent.class, name = "receipt"),
            @JsonSubTypes.Type(value = ChatEvent.class, name = "chat"),
            @JsonSubTypes.Type(value = GroupReceiptEvent.class, name = "groupReceipt"),
            @JsonSubTypes.Type(value = JoinRequestEvent.class, name = "joinRequest"),
            @JsonSubTypes.Type(value = ExpiredEvent.class, name = "expired")
    })
    public sealed interface Event {
    }

    /** A new message in one of my chats (my own included, for my other devices). */
    public record MessageEvent(Message message) implements Event {
    }

    /** Watermarks of {@code userId} in {@code chatId} moved forward. readSeq null: not visible to me. */
    public record ReceiptEvent(long chatId, long userId, long deliveredSeq, Long readSeq) implements Event {
    }

    /** In a group: every other member has delivered / read up to these seqs (✓✓ / blue for my messages). */
    public record GroupReceiptEvent(long chatId, long deliveredSeq, long readSeq) implements Event {
    }

    /** Someone asked to join a group I administer. */
    public record JoinRequestEvent(long chatId, long userId) implements Event {
    }

    /**
     * Entries {@code fromSeq..toSeq} of a chat are gone from the server. {@code reason} "timer": they disappeared
     * (the chat's timer) — delete your copies; "ttl": they were not delivered to this device in time — the seqs
     * you lack in the range are lost (history may still serve them when the server keeps history).
     */
    public record ExpiredEvent(long chatId, long fromSeq, long toSeq, String reason) implements Event {
    }

    /** A chat I belong to was created; {@code members} are user ids. Fetch details with {@code getChats}. */
    public record ChatEvent(long chatId, String chatKind, List<Long> members) implements Event {
    }
}
