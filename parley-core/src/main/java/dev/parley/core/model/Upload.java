package dev.parley.core.model;

import java.time.Instant;

/**
 * A resumable upload in progress: the client announced {@code length} bytes of type {@code declaredMime}; the bytes
 * are staged in the blob store under {@code id} until the last one arrives. {@code sha256} is the hash the client
 * declared (lower-case hex, may be null); {@code width}/{@code height}/{@code durationMs} are what the client says
 * about a video (null when not given). {@code fileName} is the original name without any directory (may be null).
 */
public record Upload(String id, long ownerId, long length, String declaredMime, String fileName, String sha256,
                     Integer width, Integer height, Long durationMs, Instant createdAt) {
}
