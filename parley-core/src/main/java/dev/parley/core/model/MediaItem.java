package dev.parley.core.model;

import java.time.Instant;

/**
 * One user's handle on stored content (a media id): created by a finished upload, or by an upload announcement
 * whose hash matched content already stored. Several items may share one {@link MediaContent}. {@code width},
 * {@code height}, {@code durationMs} and {@code thumbnail} are the uploader's own (a video's declared size and
 * poster); where null, the content's values apply (see {@link #ref()}).
 */
public record MediaItem(String id, long ownerId, MediaContent content, String fileName, Integer width, Integer height,
                        Long durationMs, String thumbnail, Instant createdAt) {

    /** What a message referencing this item shows: the item's own values, falling back to the content's. */
    public MediaRef ref() {
        return new MediaRef(id, content.mime(), content.size(), content.sha256(), fileName,
                width != null ? width : content.width(), height != null ? height : content.height(), durationMs,
                thumbnail != null ? thumbnail : content.thumbnail());
    }
}
