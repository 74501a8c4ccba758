package dev.parley.client;

import java.net.URI;

/**
 * A signed URL to the media that works without an {@code Authorization} header (for {@code <img src>} or
 * {@code <video src>}), valid until {@code expiresAt} (epoch ms).
 */
public record MediaLink(URI url, long expiresAt) {
}
