package dev.parley.server.media;

import java.util.Optional;

/**
 * One satisfiable byte range {@code [start, end]} (inclusive, RFC 9110 §14) of a representation of {@code size}
 * bytes. {@link #parse} returns empty when the whole representation is to be sent (no header, a malformed one —
 * which RFC 9110 says to ignore — or several ranges, which Parley answers with the whole body), and throws
 * {@link Unsatisfiable} when the single range lies outside the content.
 */
record ByteRange(long start, long end) {

    /** A range that starts past the end (answer 416 with {@code Content-Range: bytes *}{@code /size}). */
    static final class Unsatisfiable extends RuntimeException {
        Unsatisfiable(String message) {
            super(message, null, false, false);
        }
    }

    long length() {
        return end - start + 1;
    }

    String contentRange(long size) {
        return "bytes " + start + "-" + end + "/" + size;
    }

    static Optional<ByteRange> parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return Optional.empty();
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        try {
            return dash == 0 ? suffix(Long.parseLong(spec.substring(1)), size)
                    : span(Long.parseLong(spec.substring(0, dash)), spec.substring(dash + 1), size);
        } catch (NumberFormatException malformed) {
            return Optional.empty();
        }
    }

    /** {@code bytes=-n}: the last n bytes. */
    private static Optional<ByteRange> suffix(long n, long size) {
        if (n <= 0) {
            throw new Unsatisfiable("range bytes=-" + n + " selects nothing of " + size + " bytes");
        }
        return Optional.of(new ByteRange(Math.max(0, size - n), size - 1));
    }

    /** {@code bytes=a-b} or {@code bytes=a-}. */
    private static Optional<ByteRange> span(long start, String last, long size) {
        long end = last.isEmpty() ? Long.MAX_VALUE : Long.parseLong(last);
        if (start < 0 || end < start) {
            return Optional.empty();
        }
        if (start >= size) {
            throw new Unsatisfiable("range starts at byte " + start + " but the content has " + size + " bytes");
        }
        return Optional.of(new ByteRange(start, Math.min(end, size - 1)));
    }
}
