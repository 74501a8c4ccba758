package dev.parley.core.media;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed download links for browsers, which cannot put an Authorization header on {@code <img>} or {@code <video>}.
 * A link names the media, the user it was made for and its expiry, signed with HMAC-SHA256 under a server secret
 * (shared by all nodes of a cluster). Verifying a link yields the user; access is still checked on every use, so a
 * member removed from the chat loses access even with a valid link.
 */
public final class MediaLinks {
    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;

    public MediaLinks(byte[] secret, Duration ttl, Clock clock) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("a link secret needs at least 16 bytes, got " + secret.length);
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The query string of a link ({@code u=…&exp=…&sig=…}) and when it expires (epoch ms). */
    public record Link(String query, long expiresAt) {
    }

    public Link sign(String mediaId, long userId) {
        long exp = clock.millis() + ttl.toMillis();
        return new Link("u=" + userId + "&exp=" + exp + "&sig=" + signature(mediaId, userId, exp), exp);
    }

    /** The user a link was made for; empty when it is malformed, forged, for another media or expired. */
    public OptionalLong verify(String mediaId, String user, String expires, String sig) {
        if (user == null || expires == null || sig == null) {
            return OptionalLong.empty();
        }
        long userId;
        long exp;
        try {
            userId = Long.parseLong(user);
            exp = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
        byte[] expected = signature(mediaId, userId, exp).getBytes(StandardCharsets.US_ASCII);
        boolean valid = MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII));
        return valid && clock.millis() <= exp ? OptionalLong.of(userId) : OptionalLong.empty();
    }

    private String signature(String mediaId, long userId, long exp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] sig = mac.doFinal((mediaId + "\n" + userId + "\n" + exp).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
