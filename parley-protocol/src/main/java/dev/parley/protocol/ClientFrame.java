package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

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
     * send idempotent: the same clientId always yields the same {@code accepted}.
     */
    record Send(String id,
                @JsonProperty(required = true) long chatId,
                @JsonProperty(required = true) String clientId,
                String kind,
                @JsonProperty(required = true) String text,
                Long replyTo) implements ClientFrame {
        public Send {
            Frames.requireText("clientId", clientId, 64);
            if (text == null) {
                throw new IllegalArgumentException("field 'text' must be a string");
            }
            if (kind != null && !kind.equals("text")) {
                throw new IllegalArgumentException("field 'kind' must be \"text\", got \"" + kind + "\"");
            }
            Frames.requireNonNegative("replyTo", replyTo);
        }
    }

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

    /** Change my settings; answered with {@code ok}. Absent fields stay as they are. */
    record SetSettings(String id, Boolean readReceipts) implements ClientFrame {
    }
}
