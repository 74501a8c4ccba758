package dev.parley.core.media;

import dev.parley.core.service.Failure;
import dev.parley.core.service.ServiceException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks what a client announces about an upload; every message names the field, the value and what was expected. */
final class MediaValidation {
    private static final Pattern MIME = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_FILE_NAME = 255;
    private static final int MAX_DIMENSION = 100_000;

    private MediaValidation() {
    }

    static UploadService.Announcement announcement(UploadService.Announcement a, MediaPolicy policy) {
        if (a.length() < 1) {
            throw invalid("field 'length' must be at least 1, got " + a.length());
        }
        if (a.length() > policy.maxBytes()) {
            throw new ServiceException(Failure.MEDIA_TOO_LARGE, "field 'length' is " + a.length()
                    + " bytes; this server accepts at most " + policy.maxBytes());
        }
        String mime = mime(a.mime());
        if (!policy.allows(mime)) {
            throw new ServiceException(Failure.MEDIA_TYPE_NOT_ALLOWED, "media type " + mime
                    + " is not accepted; allowed: " + policy.allowedTypes());
        }
        return new UploadService.Announcement(a.length(), mime, fileName(a.fileName()), sha256(a.sha256()),
                dimension("width", a.width()), dimension("height", a.height()), duration(a.durationMs()));
    }

    /** Lower-case type without parameters ({@code image/JPEG; q=1} → {@code image/jpeg}). */
    static String mime(String mime) {
        if (mime == null) {
            throw invalid("field 'mime' is required (a media type such as image/jpeg)");
        }
        int semicolon = mime.indexOf(';');
        String type = (semicolon < 0 ? mime : mime.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        if (!MIME.matcher(type).matches()) {
            throw invalid("field 'mime' must be a media type such as image/jpeg, got '" + mime + "'");
        }
        return type;
    }

    /** The last path segment, without control characters; null stays null. */
    static String fileName(String name) {
        if (name == null) {
            return null;
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .replaceAll("\\p{Cntrl}", "").trim();
        if (base.isEmpty() || base.equals(".") || base.equals("..")) {
            throw invalid("field 'fileName' must name a file, got '" + name + "'");
        }
        if (base.length() > MAX_FILE_NAME) {
            throw invalid("field 'fileName' has " + base.length() + " characters, at most " + MAX_FILE_NAME
                    + " are allowed");
        }
        return base;
    }

    private static String sha256(String sha) {
        if (sha == null) {
            return null;
        }
        String lower = sha.toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(lower).matches()) {
            throw invalid("field 'sha256' must be 64 hex digits, got '" + sha + "'");
        }
        return lower;
    }

    private static Integer dimension(String field, Integer value) {
        if (value != null && (value < 1 || value > MAX_DIMENSION)) {
            throw invalid("field '" + field + "' must be 1.." + MAX_DIMENSION + ", got " + value);
        }
        return value;
    }

    private static Long duration(Long ms) {
        if (ms != null && ms < 0) {
            throw invalid("field 'durationMs' must not be negative, got " + ms);
        }
        return ms;
    }

    private static ServiceException invalid(String message) {
        return new ServiceException(Failure.INVALID_ARGUMENT, message);
    }
}
