package dev.parley.core.model;

import java.time.Instant;

/** A stored message: the entry {@code seq} of chat {@code chatId}. {@code replyTo} is a seq in the same chat or null. */
public record Message(long chatId, long seq, String id, long senderId, long senderDeviceId, String clientId,
                      MessageKind kind, String text, Long replyTo, Instant createdAt) {
}
