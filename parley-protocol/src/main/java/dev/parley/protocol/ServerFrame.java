package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Frames the server sends. Responses carry the request's {@code id}; pushed frames have none. */
public sealed interface ServerFrame {

    /** A frame that answers a request: {@code id} is the request's id (null when the request had none). */
    sealed interface Response extends ServerFrame {
        String id();
    }

    /** Authentication succeeded. {@code cursor}: where delivery resumes; {@code head}: the user's newest cursor. */
    record Ready(String id, long userId, long deviceId, long cursor, long head, long serverTime) implements Response {
    }

    record Pong(String id, long serverTime) implements Response {
    }

    /** Response to {@code openDirect}. */
    record ChatResult(String id, Views.Chat chat) implements Response {
    }

    /** ✓: the message is durably stored as {@code seq} of {@code chatId}. */
    record Accepted(String id, long chatId, long seq, String messageId, String clientId, long serverTime)
            implements Response {
    }

    /** One entry of the user's update stream; acknowledge with {@code ack {cursor}} once processed. */
    record Update(long cursor, Views.Event event) implements ServerFrame {
    }

    /** Every update up to {@code cursor} that existed when the connection was authenticated has been sent. */
    record Synced(long cursor) implements ServerFrame {
    }

    record Chats(String id, List<Views.Chat> chats) implements Response {
    }

    /** A page of history in ascending seq; {@code more}: older (for before) or newer (for after) messages exist. */
    record History(String id, long chatId, List<Views.Message> messages, boolean more) implements Response {
    }

    record Ok(String id) implements Response {
    }

    /**
     * Presence of a user I watch, pushed when it changes (coalesced: at most one per user per second) and once per
     * watched user after {@code synced}. {@code online} / {@code lastSeen} are absent when not visible to me.
     */
    record PresenceFrame(Views.Presence presence) implements ServerFrame {
    }

    /** Response to {@code watchPresence}: the current presence of the users. */
    record Presences(String id, List<Views.Presence> presences) implements Response {
    }

    /** Someone in one of my chats is typing / recording / stopped; forget it after {@code expiresInMs}. */
    record TypingFrame(long chatId, long userId, String state, long expiresInMs) implements ServerFrame {
    }

    record Contacts(String id, List<Views.Contact> contacts) implements Response {
    }

    /** The numbers of a {@code lookupPhones} that belong to users. */
    record PhoneMatches(String id, List<Views.PhoneMatch> matches) implements Response {
    }

    record Blocked(String id, List<Views.User> users) implements Response {
    }

    /** A group change was sequenced as system entry {@code seq} of {@code chatId}. */
    record Changed(String id, long chatId, long seq) implements Response {
    }

    record InviteResult(String id, Views.Invite invite) implements Response {
    }

    record Invites(String id, long chatId, List<Views.Invite> invites) implements Response {
    }

    /** The join request was recorded; an admin must approve it. */
    record JoinPending(String id, long chatId) implements Response {
    }

    record JoinRequests(String id, long chatId, List<Views.JoinRequest> requests) implements Response {
    }

    /** Per member (the sender excluded): when the message was delivered and read (null: not yet). */
    record MessageInfo(String id, long chatId, long seq, List<Views.ReceiptInfo> members) implements Response {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Error(String id, String code, String message) implements Response {
        public static Error of(String id, ErrorCode code, String message) {
            return new Error(id, code.wire(), message);
        }
    }
}
