package dev.parley.core.model;

import java.time.Instant;

/** An invite link of a group: {@code code} is 128 random bits, base64url. {@code revokedAt} null while valid. */
public record Invite(String code, long chatId, long createdBy, boolean approvalRequired, Instant createdAt,
                     Instant revokedAt) {
    public boolean valid() {
        return revokedAt == null;
    }
}
