package dev.parley.core.media;

import dev.parley.core.model.MediaContent;
import dev.parley.core.model.MediaItem;
import dev.parley.core.port.BlobStore;
import dev.parley.core.port.MediaProbe;
import dev.parley.core.port.MediaStore;
import dev.parley.core.service.Failure;
import dev.parley.core.service.ServiceException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;

/**
 * Reading media (access: the uploader, or a member of a chat where it was shared, see
 * {@link MediaStore#canRead}), video posters, and garbage collection of media no message references.
 */
public final class MediaService {
    private static final int GC_BATCH = 500;

    private final MediaStore store;
    private final BlobStore blobs;
    private final MediaProbe probe;
    private final MediaPolicy policy;
    private final Clock clock;

    public MediaService(MediaStore store, BlobStore blobs, MediaProbe probe, MediaPolicy policy, Clock clock) {
        this.store = store;
        this.blobs = blobs;
        this.probe = probe;
        this.policy = policy;
        this.clock = clock;
    }

    /** The item if {@code userId} may read it; 404 otherwise (existence is not revealed). */
    public MediaItem readable(long userId, String mediaId) {
        return store.item(mediaId).filter(i -> i.ownerId() == userId || store.canRead(mediaId, userId))
                .orElseThrow(() -> new ServiceException(Failure.NOT_FOUND, "no media '" + mediaId
                        + "' that you can read"));
    }

    /** Bytes {@code [offset, offset + length)} of an item's content (the caller checked access). */
    public InputStream open(MediaItem item, long offset, long length) throws IOException {
        return blobs.read(item.content().blobKey(), offset, length);
    }

    /**
     * Sets the poster frame of the caller's own video from an image of at most the poster limit; returns the item
     * with its new thumbnail. The body is read into memory (it is bounded by the limit).
     */
    public MediaItem setPoster(long ownerId, String mediaId, InputStream body) throws IOException {
        MediaItem item = store.item(mediaId).filter(i -> i.ownerId() == ownerId).orElseThrow(() ->
                new ServiceException(Failure.NOT_FOUND, "no media '" + mediaId + "' of yours"));
        if (!item.content().mime().startsWith("video/")) {
            throw new ServiceException(Failure.INVALID_ARGUMENT, "media '" + mediaId + "' is "
                    + item.content().mime() + ": only videos take a poster frame");
        }
        byte[] image = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, policy.posterMaxBytes() + 1));
        if (image.length > policy.posterMaxBytes()) {
            throw new ServiceException(Failure.MEDIA_TOO_LARGE, "a poster frame may have at most "
                    + policy.posterMaxBytes() + " bytes");
        }
        MediaProbe.Probe p = probe.probe(() -> new ByteArrayInputStream(image), null);
        if (!p.mime().startsWith("image/") || p.thumbnail() == null) {
            throw new ServiceException(Failure.MEDIA_TYPE_MISMATCH, "a poster frame must be an image this server"
                    + " can decode, got " + p.mime());
        }
        boolean sized = item.width() != null && item.height() != null;
        store.setPoster(mediaId, p.thumbnail(), sized ? null : p.width(), sized ? null : p.height());
        return store.item(mediaId).orElseThrow();
    }

    /**
     * Deletes media items no message referenced for the grace period, then the bytes and rows of content left
     * without items (row marked first, bytes next, row last: a crash in between is finished by the next run).
     * Returns how many contents were deleted.
     */
    public int collectGarbage() throws IOException {
        int contents = 0;
        List<MediaContent> doomed;
        do {
            doomed = store.collect(clock.instant().minus(policy.gcGrace()), GC_BATCH);
            for (MediaContent c : doomed) {
                blobs.delete(c.blobKey());
                store.contentDeleted(c.id());
                contents++;
            }
        } while (doomed.size() == GC_BATCH);
        return contents;
    }
}
