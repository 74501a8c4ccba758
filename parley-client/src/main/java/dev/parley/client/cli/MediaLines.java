package dev.parley.client.cli;

import dev.parley.protocol.Views;
import java.util.Locale;

/**
 * Media in terminal lines, {@code [image beach.jpg 2.5 MB 1600×1200, media mB7c0S3q…]} (the id is what
 * {@code parley download} takes), and file names made safe to print or to save under.
 */
final class MediaLines {
    private static final int MAX_FILE_NAME = 200;

    private MediaLines() {
    }

    /** {@code [video clip.mp4 12.0 MB 1920×1080 0:42, media ID]}; parts that are unknown are left out. */
    static String describe(String kind, Views.Media media) {
        StringBuilder line = new StringBuilder("[").append(kind);
        if (media.fileName() != null && !media.fileName().isBlank()) {
            line.append(' ').append(printable(media.fileName()));
        }
        line.append(' ').append(ByteSizes.human(media.size()));
        if (media.width() != null && media.height() != null) {
            line.append(' ').append(media.width()).append('×').append(media.height());
        }
        if (media.durationMs() != null) {
            line.append(' ').append(duration(media.durationMs()));
        }
        return line.append(", media ").append(printable(media.id())).append(']').toString();
    }

    /** {@code 42000} → {@code 0:42}; {@code 3723000} → {@code 1:02:03}. */
    static String duration(long millis) {
        long seconds = Math.max(0, millis) / 1000;
        long hours = seconds / 3600;
        long minutes = seconds / 60 % 60;
        long rest = seconds % 60;
        return hours > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, rest)
                : String.format(Locale.ROOT, "%d:%02d", minutes, rest);
    }

    /**
     * A name to save a download under in a directory of one's choosing: the last path element of {@code fileName},
     * without control characters or characters that Windows forbids, not hidden, not {@code .} or {@code ..}, at
     * most 200 characters; {@code fallback} when nothing usable is left.
     */
    static String safeFileName(String fileName, String fallback) {
        if (fileName == null) {
            return fallback;
        }
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        StringBuilder safe = new StringBuilder();
        name.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c) || "<>:\"|?*".indexOf(c) >= 0
                ? '_' : c));
        String result = safe.toString().strip().replaceFirst("^[.\\s]+", "");
        if (result.length() > MAX_FILE_NAME) {
            int dot = result.lastIndexOf('.');
            String ext = dot > 0 && result.length() - dot <= 16 ? result.substring(dot) : "";
            result = result.substring(0, MAX_FILE_NAME - ext.length()) + ext;
        }
        return result.isEmpty() ? fallback : result;
    }

    /** {@code text} with control characters (newlines, escapes) shown as {@code ?}: one line, no terminal tricks. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
