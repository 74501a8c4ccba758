package dev.parley.core.media;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What the operator allows for media.
 *
 * @param maxBytes       largest upload in bytes
 * @param allowedTypes   accepted types: exact ({@code application/pdf}), a family ({@code image/*}) or {@code *}/{@code *}
 * @param dedupe         whether an announced SHA-256 that is already stored skips the upload (across all users)
 * @param posterMaxBytes largest video poster frame
 * @param gcGrace        how long a media item may stay referenced by no message before it is deleted
 * @param uploadExpiry   how long an unfinished upload is kept
 * @param linkTtl        validity of a signed download link
 */
public record MediaPolicy(long maxBytes, List<String> allowedTypes, boolean dedupe, long posterMaxBytes,
                          Duration gcGrace, Duration uploadExpiry, Duration linkTtl) {

    public MediaPolicy {
        if (maxBytes < 1 || posterMaxBytes < 1) {
            throw new IllegalArgumentException("media size limits must be positive, got maxBytes=" + maxBytes
                    + " posterMaxBytes=" + posterMaxBytes);
        }
        allowedTypes = allowedTypes.stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).toList();
    }

    /** Whether {@code mime} (lower-case, without parameters) is allowed. */
    public boolean allows(String mime) {
        for (String pattern : allowedTypes) {
            if (pattern.equals("*/*") || pattern.equals(mime)
                    || pattern.endsWith("/*") && mime.startsWith(pattern.substring(0, pattern.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
