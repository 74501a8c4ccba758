package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Frames a client sends. Every frame may carry an {@code id} chosen by the client (at most 64 chars);
 * a frame with an id gets exactly one response frame carrying the same id: its result or an {@code error}.
 * {@code ack}, {@code read} and {@code setSettings} without an id get no response when they succeed (cheap
 * acks and reads); the other requests are always answered (with {@code "id"} absent). A frame refused
 * before it was read (request queue full) is answered with an error without id.
 */
public sealed interface ClientFrame {

    /** Request id echoed in the response; null when the client does not want a response. */
    String id();

    /** Authenticates the connection; must be the first frame unless the token came with the upgrade. */
    record Auth(String id, @JsonProperty(required = true) String token, Long cursor) implements ClientFrame {
        public Auth {
            Frames.requireText("token", token, 200);
            Frames.requireNonNegative("cursor", cursor);
        }
    }

    /** Application heartbeat; answered with {@code pong}. */
    record Ping(String id) implements ClientFrame {
    }

    /** Open (or get) the direct chat with a user; answered with {@code chat}. */
    record OpenDirect(String id, @JsonProperty(required = true) long userId) implements ClientFrame {
    }

    /**
     * Send a message. {@code clientId} (a UUID, or any 1–64 char string unique per sender) makes the
     * send idempotent: the same clientId always yields the same {@code accepted}. {@code kind} is text (the
     * default; {@code text} required) or image, video, file: then {@code mediaId} names an uploaded media item and
     * {@code text} is an optional caption.
     */
    record Send(String id,
                @JsonProperty(required = true) long chatId,
                @JsonProperty(required = true) String clientId,
                String kind,
                String text,
                Long replyTo,
                String mediaId) implements ClientFrame {
        public Send {
            Frames.requireText("clientId", clientId, 64);
            if (kind != null && !MESSAGE_KINDS.contains(kind)) {
                throw new IllegalArgumentException("field 'kind' must be one of " + MESSAGE_KINDS + ", got \"" + kind + "\"");
            }
            boolean media = kind != null && !kind.equals("text");
            if (!media && text == null) {
                throw new IllegalArgumentException("field 'text' must be a string");
            }
            if (media && mediaId == null) {
                throw new IllegalArgumentException("field 'mediaId' is required for kind \"" + kind + "\"");
            }
            if (mediaId != null) {
                Frames.requireText("mediaId", mediaId, 128);
            }
            Frames.requireNonNegative("replyTo", replyTo);
        }

        /** A text message. */
        public Send(String id, long chatId, String clientId, String kind, String text, Long replyTo) {
            this(id, chatId, clientId, kind, text, replyTo, null);
        }
    }

    /** The message kinds a client may send. */
    List<String> MESSAGE_KINDS = List.of("text", "image", "video", "file");

    /** The device has processed every update up to {@code cursor} (moves ✓✓ for the senders). */
    record Ack(String id, @JsonProperty(required = true) long cursor) implements ClientFrame {
        public Ack {
            Frames.requireNonNegative("cursor", cursor);
        }
    }

    /** The user has read chat {@code chatId} up to {@code seq} (blue ✓✓, unread count). */
    record Read(String id, @JsonProperty(required = true) long chatId, @JsonProperty(required = true) long seq)
            implements ClientFrame {
        public Read {
            Frames.requireNonNegative("seq", seq);
        }
    }

    /** List my chats; answered with {@code chats}. */
    record GetChats(String id) implements ClientFrame {
    }

    /**
     * A page of a chat's history; answered with {@code history}. With {@code before}: the newest
     * {@code limit} messages with seq &lt; before; with {@code after}: the oldest {@code limit} with
     * seq &gt; after; with neither: the newest page. Messages are always in ascending seq order.
     */
    record GetHistory(String id, @JsonProperty(required = true) long chatId, Long before, Long after, Integer limit)
            implements ClientFrame {
        public GetHistory {
            if (before != null && after != null) {
                throw new IllegalArgumentException("fields 'before' and 'after' are exclusive, got both");
            }
            Frames.requireNonNegative("before", before);
            Frames.requireNonNegative("after", after);
            if (limit != null && (limit < 1 || limit > 200)) {
                throw new IllegalArgumentException("field 'limit' must be 1..200, got " + limit);
            }
        }
    }

    /**
     * Change my settings; answered with {@code ok}. Absent fields stay as they are. {@code lastSeen} and
     * {@code online}: who may see them, "everyone", "contacts" or "nobody".
     */
    record SetSettings(String id, Boolean readReceipts, String lastSeen, String online) implements ClientFrame {
        public SetSettings {
            Frames.requireVisibility("lastSeen", lastSeen);
            Frames.requireVisibility("online", online);
        }
    }

    // ---- presence, typing, contacts, blocking ----

    /**
     * I am typing / recording in {@code chatId}, or stopped ({@code state}: "typing", "recording", "stopped").
     * Never stored; relayed to the other members' online devices; no response unless it carries an id.
     */
    record Typing(String id, @JsonProperty(required = true) long chatId, @JsonProperty(required = true) String state)
            implements ClientFrame {
        public Typing {
            if (!"typing".equals(state) && !"recording".equals(state) && !"stopped".equals(state)) {
                throw new IllegalArgumentException("field 'state' must be \"typing\", \"recording\" or \"stopped\", got \"" + state + "\"");
            }
        }
    }

    /** Also watch the presence of these users on this connection (at most 100); answered with {@code presences}. */
    record WatchPresence(String id, @JsonProperty(required = true) List<Long> userIds) implements ClientFrame {
        public WatchPresence {
            Frames.requireIds("userIds", userIds);
            if (userIds.size() > 100) {
                throw new IllegalArgumentException("field 'userIds' must have at most 100 ids, got " + userIds.size());
            }
        }
    }

    /** Add or rename a contact; answered with {@code ok}. */
    record AddContact(String id, @JsonProperty(required = true) long userId, String name) implements ClientFrame {
        public AddContact {
            if (name != null && name.length() > 64) {
                throw new IllegalArgumentException("field 'name' must be at most 64 characters, got " + name.length());
            }
        }
    }

    record RemoveContact(String id, @JsonProperty(required = true) long userId) implements ClientFrame {
    }

    /** My contacts; answered with {@code contacts}. */
    record GetContacts(String id) implements ClientFrame {
    }

    /** Which of these E.164 numbers are Parley users (contact-book sync); answered with {@code phoneMatches}. */
    record LookupPhones(String id, @JsonProperty(required = true) List<String> phones) implements ClientFrame {
        public LookupPhones {
            if (phones == null || phones.isEmpty()) {
                throw new IllegalArgumentException("field 'phones' must be a non-empty array of strings");
            }
        }
    }

    /** Block a user: they can no longer message me in direct chats or see my presence; answered with {@code ok}. */
    record Block(String id, @JsonProperty(required = true) long userId) implements ClientFrame {
    }

    record Unblock(String id, @JsonProperty(required = true) long userId) implements ClientFrame {
    }

    /** Users I blocked; answered with {@code blocked}. */
    record GetBlocked(String id) implements ClientFrame {
    }

    // ---- groups: every change below is answered with {@code changed {chatId, seq}} once sequenced ----

    /** Create a group with me as owner and {@code members} (user ids) as members; answered with {@code chat}. */
    record CreateGroup(String id, @JsonProperty(required = true) String name, String description, String avatar,
                       @JsonProperty(required = true) List<Long> members, Boolean onlyAdminsSend,
                       Boolean onlyAdminsEdit) implements ClientFrame {
        public CreateGroup {
            Frames.requireIds("members", members);
        }
    }

    /** Admins: add users to the group. */
    record AddMembers(String id, @JsonProperty(required = true) long chatId,
                      @JsonProperty(required = true) List<Long> userIds) implements ClientFrame {
        public AddMembers {
            Frames.requireIds("userIds", userIds);
            if (userIds.isEmpty()) {
                throw new IllegalArgumentException("field 'userIds' must not be empty");
            }
        }
    }

    /** Admins: remove a member. */
    record RemoveMember(String id, @JsonProperty(required = true) long chatId, @JsonProperty(required = true) long userId)
            implements ClientFrame {
    }

    /** Leave the group (an owner who leaves hands ownership to an admin, else to the longest-standing member). */
    record LeaveGroup(String id, @JsonProperty(required = true) long chatId) implements ClientFrame {
    }

    /** Admins: make a member an admin ({@code role: "admin"}) or an admin a member ({@code "member"}). */
    record SetRole(String id, @JsonProperty(required = true) long chatId, @JsonProperty(required = true) long userId,
                   @JsonProperty(required = true) String role) implements ClientFrame {
        public SetRole {
            if (!"admin".equals(role) && !"member".equals(role)) {
                throw new IllegalArgumentException("field 'role' must be \"admin\" or \"member\", got \"" + role + "\"");
            }
        }
    }

    /** Owner: hand ownership to another member (the old owner becomes an admin). */
    record TransferOwnership(String id, @JsonProperty(required = true) long chatId,
                             @JsonProperty(required = true) long userId) implements ClientFrame {
    }

    /** Change name, description or avatar (absent: unchanged; empty string clears description/avatar). */
    record EditGroup(String id, @JsonProperty(required = true) long chatId, String name, String description,
                     String avatar) implements ClientFrame {
    }

    /**
     * Set the chat's disappearing-message timer: {@code seconds} is 0 (off), 86400 (24 h), 604800 (7 days) or
     * 7776000 (90 days). Any member of a direct chat; in a group, as its settings allow (only admins when
     * {@code onlyAdminsEdit}). Answered with {@code changed} naming the TIMER_CHANGED system entry.
     */
    record SetTimer(String id, @JsonProperty(required = true) long chatId,
                    @JsonProperty(required = true) long seconds) implements ClientFrame {
    }

    /** Admins: change who may send and who may edit the info (absent: unchanged). */
    record SetGroupSettings(String id, @JsonProperty(required = true) long chatId, Boolean onlyAdminsSend,
                            Boolean onlyAdminsEdit) implements ClientFrame {
    }

    /** Admins: create an invite link; answered with {@code invite}. */
    record CreateInvite(String id, @JsonProperty(required = true) long chatId, Boolean approvalRequired)
            implements ClientFrame {
    }

    /** Admins: revoke an invite link; answered with {@code ok}. */
    record RevokeInvite(String id, @JsonProperty(required = true) long chatId, @JsonProperty(required = true) String code)
            implements ClientFrame {
    }

    /** Admins: list the valid invite links; answered with {@code invites}. */
    record GetInvites(String id, @JsonProperty(required = true) long chatId) implements ClientFrame {
    }

    /** Join through an invite link: answered with {@code chat} (joined) or {@code joinPending} (needs approval). */
    record JoinByInvite(String id, @JsonProperty(required = true) String code) implements ClientFrame {
        public JoinByInvite {
            Frames.requireText("code", code, 64);
        }
    }

    /** Admins: pending join requests; answered with {@code joinRequests}. */
    record GetJoinRequests(String id, @JsonProperty(required = true) long chatId) implements ClientFrame {
    }

    /** Admins: approve (answered with {@code changed}) or reject (answered with {@code ok}) a join request. */
    record AnswerJoinRequest(String id, @JsonProperty(required = true) long chatId,
                             @JsonProperty(required = true) long userId, @JsonProperty(required = true) boolean approve)
            implements ClientFrame {
    }

    /** Who has a message delivered and read, and when; answered with {@code messageInfo}. */
    record GetMessageInfo(String id, @JsonProperty(required = true) long chatId, @JsonProperty(required = true) long seq)
            implements ClientFrame {
    }
}
