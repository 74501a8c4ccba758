package dev.parley.core.model;

/**
 * What a message tells its readers about the media it references, resolved from the media row and its content.
 * {@code mime} is the type sniffed from the bytes; {@code width}/{@code height} come from the image itself (images)
 * or from the uploader (videos); {@code durationMs} from the uploader (video, audio); {@code thumbnail} is a small
 * JPEG, base64 (made by the server from an image, or from the poster frame a client supplied for a video), null when
 * there is none. Nullable fields are null where they do not apply.
 */
public record MediaRef(String mediaId, String mime, long size, String sha256, String fileName, Integer width,
                       Integer height, Long durationMs, String thumbnail) {
}
