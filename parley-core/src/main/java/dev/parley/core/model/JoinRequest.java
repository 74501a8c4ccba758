package dev.parley.core.model;

import java.time.Instant;

/** A user asked to join a group through an invite link that needs admin approval. */
public record JoinRequest(long chatId, long userId, String inviteCode, Instant requestedAt) {
}
