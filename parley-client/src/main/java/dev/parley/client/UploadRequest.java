package dev.parley.client;

/**
 * What an upload announces besides the bytes ({@code POST /v1/uploads}); every field is optional.
 *
 * @param mime       the declared type; null: guessed from the file name ({@link MediaTypes#guess})
 * @param fileName   the name shown to the recipients; null: the file's own name
 * @param width      a video's width in pixels (images are measured by the server), or null
 * @param height     a video's height in pixels, or null
 * @param durationMs a video's or audio's duration, or null
 */
public record UploadRequest(String mime, String fileName, Integer width, Integer height, Long durationMs) {
    /** Nothing declared: type guessed from the name, the file's own name. */
    public static final UploadRequest DEFAULTS = new UploadRequest(null, null, null, null, null);

    /** Only the declared type. */
    public static UploadRequest ofMime(String mime) {
        return new UploadRequest(mime, null, null, null, null);
    }
}
