package dev.parley.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Media types and message kinds on the client side: a guess from a file name, the kind a type is sent as. */
public final class MediaTypes {
    /** The message kinds that carry media. */
    public static final List<String> KINDS = List.of("image", "video", "file");
    /** The type of bytes nobody knows more about; the server accepts anything declared so. */
    public static final String OCTET_STREAM = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("heic", "image/heic"),
            Map.entry("bmp", "image/bmp"), Map.entry("mp4", "video/mp4"), Map.entry("m4v", "video/mp4"),
            Map.entry("mov", "video/quicktime"), Map.entry("webm", "video/webm"), Map.entry("mkv", "video/x-matroska"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("m4a", "audio/mp4"), Map.entry("ogg", "audio/ogg"),
            Map.entry("wav", "audio/wav"), Map.entry("pdf", "application/pdf"), Map.entry("zip", "application/zip"),
            Map.entry("txt", "text/plain"), Map.entry("csv", "text/csv"), Map.entry("json", "application/json"));

    private MediaTypes() {
    }

    /**
     * The message kind a media type is sent as by default: {@code image/*} → image, {@code video/*} → video, anything
     * else (or null) → file.
     */
    public static String kindOf(String mime) {
        String type = mime == null ? "" : mime.strip().toLowerCase(Locale.ROOT);
        if (type.startsWith("image/")) {
            return "image";
        }
        return type.startsWith("video/") ? "video" : "file";
    }

    /**
     * The type a file's name suggests: a small built-in table of common extensions first (the same answer on every
     * system), then {@link Files#probeContentType}, else {@value #OCTET_STREAM}. The bytes are not read; the server
     * sniffs them and refuses a declared type they do not match.
     */
    public static String guess(Path file) {
        Path name = file.getFileName();
        String fileName = name == null ? "" : name.toString();
        int dot = fileName.lastIndexOf('.');
        if (dot >= 0) {
            String known = BY_EXTENSION.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
            if (known != null) {
                return known;
            }
        }
        try {
            String probed = Files.probeContentType(file);
            return probed == null || probed.isBlank() ? OCTET_STREAM : probed;
        } catch (IOException | RuntimeException e) {
            return OCTET_STREAM;
        }
    }
}
