package dev.parley.core.port;

import dev.parley.core.model.MediaContent;
import dev.parley.core.model.MediaItem;
import dev.parley.core.model.Upload;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Media metadata: uploads in progress, stored content (one row per SHA-256 while it is live) and the media items
 * users hold on it. The bytes themselves are in the {@link BlobStore}; this store only names their keys.
 *
 * <p>Reference counting keeps deletion safe against concurrent use on any number of nodes: a content counts its
 * items, an item counts the messages that reference it. Garbage collection removes only items with no message
 * reference that are older than a grace period, then marks contents with no items {@code deleting} (never used
 * again, so a new upload of the same bytes stores a fresh copy under a new blob key); the caller deletes their
 * bytes and then {@link #contentDeleted} removes the row. A crash between the steps leaves a {@code deleting} row
 * that the next collection returns again: never a row without bytes that anyone can use.
 */
public interface MediaStore {

    /** Records a new upload (its id is unique). */
    void createUpload(Upload upload);

    Optional<Upload> upload(String uploadId);

    /** Removes an upload record (no-op when absent). */
    void deleteUpload(String uploadId);

    /** Uploads created before {@code createdBefore}, oldest first, at most {@code limit} (for the abandoned-upload sweep). */
    List<Upload> uploadsCreatedBefore(Instant createdBefore, int limit);

    /** The live content with this hash and size, if any. */
    Optional<MediaContent> liveContent(String sha256, long size);

    /**
     * In one durable step: uses the live content with {@code content.sha256()} if there is one, else inserts
     * {@code content} (its id is ignored); inserts {@code item} on it (the item's content is replaced by the one used)
     * and increments the content's item count; deletes the upload record {@code uploadId} when it is not null.
     * Returns the saved item. The caller compares {@code saved.content().blobKey()} with its own key to learn whether
     * its freshly stored bytes were a duplicate (then it deletes them). Blob keys are never reused: when no live
     * content has the hash and {@code content.blobKey()} already names a content (one being collected: a caller
     * reusing content it looked up just before it went), throws {@link IllegalStateException} and writes nothing —
     * the caller stores the bytes again under a new key. Messages referencing an item count as references
     * ({@code MessageLog.append} increments them); whatever deletes messages must decrement them.
     */
    MediaItem save(MediaContent content, MediaItem item, String uploadId);

    /** The item with this id and its content, if the item exists. */
    Optional<MediaItem> item(String mediaId);

    /**
     * Whether {@code userId} may read the item: they own it, or it is referenced by a message of a chat in which
     * they are a member whose membership window ({@code joinSeq ≤ seq ≤ leaveSeq}) covers that message.
     */
    boolean canRead(String mediaId, long userId);

    /** Sets an item's poster thumbnail (base64 JPEG) and, when not null, its width and height. */
    void setPoster(String mediaId, String thumbnail, Integer width, Integer height);

    /**
     * One batch of garbage collection: deletes up to {@code limit} items created before {@code unreferencedSince}
     * that no message references (decrementing their content's item count), marks contents with no items
     * {@code deleting}, and returns the contents in state {@code deleting} (at most {@code limit}, including those
     * left by an earlier, interrupted collection) whose bytes the caller must delete next.
     */
    List<MediaContent> collect(Instant unreferencedSince, int limit);

    /** Removes a {@code deleting} content row after its bytes are gone (no-op when absent). */
    void contentDeleted(long contentId);
}
