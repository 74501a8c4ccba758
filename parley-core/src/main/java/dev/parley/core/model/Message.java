package dev.parley.core.model;

import java.time.Instant;

/**
 * A stored entry of a chat's log: the entry {@code seq} of chat {@code chatId}. {@code replyTo} is a seq in the
 * same chat or null. System entries ({@code kind == SYSTEM}) have a {@code system} event, no text and no
 * client id; their sender is the actor. Media entries (image, video, file) carry {@code media}; their text is the
 * caption (possibly empty).
 */
public record Message(long chatId, long seq, String id, long senderId, long senderDeviceId, String clientId,
                      MessageKind kind, String text, Long replyTo, Instant createdAt, SystemEvent system,
                      MediaRef media) {

    /** A message without media. */
    public Message(long chatId, long seq, String id, long senderId, long senderDeviceId, String clientId,
                   MessageKind kind, String text, Long replyTo, Instant createdAt, SystemEvent system) {
        this(chatId, seq, id, senderId, senderDeviceId, clientId, kind, text, replyTo, createdAt, system, null);
    }
}
