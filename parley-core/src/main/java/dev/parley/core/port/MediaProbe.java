package dev.parley.core.port;

import java.io.IOException;
import java.io.InputStream;

/**
 * Looks at media bytes: what type they really are (magic numbers, not the name or the declared type) and, for
 * images, their size and a small JPEG thumbnail in the right orientation. Implementations stream: they read only the
 * head of the bytes to sniff, and decode images with subsampling so a huge image never needs its full size in heap.
 */
public interface MediaProbe {

    /** Opens the bytes from the start; may be called more than once. */
    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;
    }

    /**
     * What the bytes are. {@code mime} is the sniffed type ({@code application/octet-stream} when unknown);
     * {@code width} and {@code height} (as displayed, after EXIF orientation) are measured from an image's header;
     * {@code thumbnail} (base64 JPEG) is set for images that could be decoded within the pixel limit; all null for
     * other types.
     */
    record Probe(String mime, Integer width, Integer height, String thumbnail) {
    }

    /** Sniffs the type from the bytes (with {@code fileName} as a hint only where the bytes are ambiguous) and, for images, makes the thumbnail. */
    Probe probe(Source source, String fileName) throws IOException;

    /**
     * Whether {@code declared} is an acceptable claim for bytes sniffed as {@code sniffed}: equal types, or aliases
     * and sub-types of one another (image/jpg vs image/jpeg; a declared generic {@code application/octet-stream}
     * accepts anything; a specific container like {@code application/zip} accepts its specializations). Bytes sniffed
     * as unknown ({@code application/octet-stream}) match a declared type only if that type has no magic number the
     * sniffer knows (so {@code image/png} never matches unknown bytes). Null, blank or malformed types never match.
     */
    boolean matches(String declared, String sniffed);
}
