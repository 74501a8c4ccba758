package dev.parley.core.media;

import dev.parley.core.model.MediaContent;
import dev.parley.core.model.MediaItem;
import dev.parley.core.model.Upload;
import dev.parley.core.port.BlobStore;
import dev.parley.core.port.MediaProbe;
import dev.parley.core.port.MediaStore;
import dev.parley.core.service.Failure;
import dev.parley.core.service.ServiceException;
import dev.parley.core.service.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resumable uploads (docs/protocol.md §13): announce → append bytes at the server's offset → on the last byte, check
 * the type, hash and measure the bytes and save them once per SHA-256.
 *
 * <p>Layout in the {@link BlobStore}: an upload stages under its id; when complete it is finished into the blob key
 * {@code c_<uploadId>}. The media id of a finished upload is the upload id, so a client whose last answer was lost
 * finds its media under the id it already has. Because the key derives from the upload id, the abandoned-upload sweep
 * can also remove bytes finished by a node that crashed before it saved the rows.
 */
public final class UploadService {

    /** What a client announces before uploading. */
    public record Announcement(long length, String mime, String fileName, String sha256, Integer width, Integer height,
                               Long durationMs) {
    }

    /** The answer to an announcement. */
    public sealed interface Announced {
        /** The content is already stored: here is a new media item on it, nothing to upload. */
        record Stored(MediaItem item) implements Announced {
        }

        /** Upload the bytes to this upload. */
        record Started(Upload upload) implements Announced {
        }
    }

    /** The outcome of an append. */
    public sealed interface Progress {
        /** More bytes are expected; {@code offset} are durable. */
        record Partial(long offset) implements Progress {
        }

        /** The upload is complete. {@code deduplicated}: the same bytes were already stored and are shared. */
        record Finished(MediaItem item, boolean deduplicated) implements Progress {
        }

        /** The request's offset is not the server's (or another request is appending now); resume at {@code offset}. */
        record Mismatch(long offset, String reason) implements Progress {
        }
    }

    private final MediaStore store;
    private final BlobStore blobs;
    private final MediaProbe probe;
    private final MediaPolicy policy;
    private final Tokens ids;
    private final Clock clock;
    /** Uploads an append is running for on this node (appends to one upload are serialized by refusing the second). */
    private final Set<String> appending = ConcurrentHashMap.newKeySet();

    public UploadService(MediaStore store, BlobStore blobs, MediaProbe probe, MediaPolicy policy, Tokens ids,
                         Clock clock) {
        this.store = store;
        this.blobs = blobs;
        this.probe = probe;
        this.policy = policy;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * A new upload/media id: "m" + 128 random bits in base64url (23 chars). The letter in front keeps ids from
     * starting with '-', which command lines would take for an option.
     */
    private String newId() {
        return "m" + ids.newInviteCode();
    }

    public static String blobKey(String uploadId) {
        return "c_" + uploadId;
    }

    /** Validates an announcement; answers with existing content (dedupe) or a new upload. */
    public Announced announce(long ownerId, Announcement a) {
        Announcement valid = MediaValidation.announcement(a, policy);
        if (policy.dedupe() && valid.sha256() != null) {
            Optional<MediaItem> existing = reuse(ownerId, valid);
            if (existing.isPresent()) {
                return new Announced.Stored(existing.get());
            }
        }
        Upload upload = new Upload(newId(), ownerId, valid.length(), valid.mime(), valid.fileName(),
                valid.sha256(), valid.width(), valid.height(), valid.durationMs(), clock.instant());
        store.createUpload(upload);
        return new Announced.Started(upload);
    }

    /** A new item on live content with the announced hash and length; empty when there is none (or it just went). */
    private Optional<MediaItem> reuse(long ownerId, Announcement a) {
        Optional<MediaContent> content = store.liveContent(a.sha256(), a.length());
        if (content.isEmpty() || !probe.matches(a.mime(), content.get().mime())) {
            return Optional.empty();
        }
        MediaItem item = newItem(newId(), ownerId, content.get(), a);
        try {
            return Optional.of(store.save(content.get(), item, null));
        } catch (IllegalStateException collectedMeanwhile) {
            return Optional.empty();
        }
    }

    /** The caller's upload; 404 for unknown or someone else's. */
    public Upload upload(long ownerId, String uploadId) {
        return store.upload(uploadId).filter(u -> u.ownerId() == ownerId).orElseThrow(() -> new ServiceException(
                Failure.NOT_FOUND, "no upload '" + uploadId + "' of yours (finished, expired or never announced)"));
    }

    /** Where an upload stands: the durable {@code offset} to resume from, of {@code length} announced bytes. */
    public record Status(long offset, long length) {
    }

    /**
     * The caller's upload and its durable offset. If the bytes were complete and finished but the node stopped
     * before saving the rows, completes the upload now and reports its full length.
     */
    public Status status(long ownerId, String uploadId) {
        Upload u = upload(ownerId, uploadId);
        try {
            long staged = blobs.stagedSize(uploadId);
            if (staged == 0 && blobs.size(blobKey(uploadId)).isPresent()) {
                complete(u);
                return new Status(u.length(), u.length());
            }
            return new Status(staged, u.length());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends {@code body} at {@code offset}; finishes the upload when its last byte arrived. */
    public Progress append(long ownerId, String uploadId, long offset, InputStream body) throws IOException {
        Upload u = upload(ownerId, uploadId);
        if (!appending.add(uploadId)) {
            return new Progress.Mismatch(blobs.stagedSize(uploadId), "another request is appending to upload '"
                    + uploadId + "'");
        }
        try {
            long staged = blobs.stagedSize(uploadId);
            if (offset != staged) {
                return new Progress.Mismatch(staged, "upload '" + uploadId + "' holds " + staged
                        + " bytes: continue at that offset, not " + offset);
            }
            long now = appendBounded(u, offset, body);
            return now < u.length() ? new Progress.Partial(now) : complete(u);
        } finally {
            appending.remove(uploadId);
        }
    }

    private long appendBounded(Upload u, long offset, InputStream body) throws IOException {
        try {
            return blobs.append(u.id(), offset, body, u.length());
        } catch (IllegalStateException tooMuch) {
            throw new ServiceException(Failure.MEDIA_TOO_LARGE, "upload '" + u.id() + "' was announced with "
                    + u.length() + " bytes; this request would pass that (nothing of it was kept)");
        }
    }

    /** Finishes the staged bytes into their blob, checks them and saves the rows (idempotent after a crash). */
    private Progress.Finished complete(Upload u) {
        String key = blobKey(u.id());
        try {
            BlobStore.Stored stored = blobs.finish(u.id(), key);
            MediaContent content = inspect(u, stored);
            MediaItem saved = store.save(content, newItem(u.id(), u.ownerId(), content, announcementOf(u)), u.id());
            boolean duplicate = !saved.content().blobKey().equals(key);
            if (duplicate) {
                blobs.delete(key);
            }
            return new Progress.Finished(saved, duplicate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The content the finished bytes are, or discards the upload with a 4xx when they are not what was announced. */
    private MediaContent inspect(Upload u, BlobStore.Stored stored) throws IOException {
        String key = stored.key();
        if (u.sha256() != null && !u.sha256().equals(stored.sha256())) {
            discard(u);
            throw new ServiceException(Failure.INVALID_ARGUMENT, "upload '" + u.id() + "' was announced with sha256 "
                    + u.sha256() + " but its bytes hash to " + stored.sha256() + "; it was discarded");
        }
        MediaProbe.Probe p = probe.probe(() -> blobs.read(key, 0, Long.MAX_VALUE), u.fileName());
        if (!policy.allows(p.mime())) {
            discard(u);
            throw new ServiceException(Failure.MEDIA_TYPE_NOT_ALLOWED, "the bytes of upload '" + u.id() + "' are "
                    + p.mime() + ", which this server does not accept; it was discarded");
        }
        if (!probe.matches(u.declaredMime(), p.mime())) {
            discard(u);
            throw new ServiceException(Failure.MEDIA_TYPE_MISMATCH, "upload '" + u.id() + "' was declared "
                    + u.declaredMime() + " but its bytes are " + p.mime() + "; it was discarded");
        }
        return new MediaContent(0, stored.sha256(), stored.size(), p.mime(), key, p.width(), p.height(),
                p.thumbnail());
    }

    /** Abandons an upload: its staged bytes, finished bytes (if any) and record. */
    public void cancel(long ownerId, String uploadId) throws IOException {
        discard(upload(ownerId, uploadId));
    }

    private void discard(Upload u) throws IOException {
        blobs.abort(u.id());
        blobs.delete(blobKey(u.id()));
        store.deleteUpload(u.id());
    }

    /** Discards uploads older than the expiry that no append is running for; returns how many. */
    public int sweepExpired(int limit) throws IOException {
        int swept = 0;
        for (Upload u : store.uploadsCreatedBefore(clock.instant().minus(policy.uploadExpiry()), limit)) {
            if (!appending.contains(u.id())) {
                discard(u);
                swept++;
            }
        }
        return swept;
    }

    private static Announcement announcementOf(Upload u) {
        return new Announcement(u.length(), u.declaredMime(), u.fileName(), u.sha256(), u.width(), u.height(),
                u.durationMs());
    }

    /** A new item: images take their size from the content (measured), others what the uploader said. */
    private MediaItem newItem(String id, long ownerId, MediaContent content, Announcement a) {
        boolean measured = content.width() != null;
        return new MediaItem(id, ownerId, content, a.fileName(), measured ? null : a.width(),
                measured ? null : a.height(), a.durationMs(), null, clock.instant());
    }
}
