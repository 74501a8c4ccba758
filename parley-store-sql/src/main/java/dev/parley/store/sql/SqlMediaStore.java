package dev.parley.store.sql;

import dev.parley.core.model.MediaContent;
import dev.parley.core.model.MediaItem;
import dev.parley.core.model.Upload;
import dev.parley.core.port.MediaStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link MediaStore} on SQL. Tables:
 * <pre>
 * media_content                  stored bytes: one row per blob, at most one LIVE row per SHA-256 (deduplication)
 *   id          BIGINT PK        assigned on insert (MediaContent.id)
 *   sha256      TEXT             lower-case hex of the bytes
 *   size        BIGINT           bytes
 *   mime        TEXT             the type sniffed from the bytes
 *   blob_key    TEXT UNIQUE      where the bytes are in the BlobStore; a new content always has a new key
 *   width       INT  NULL        } derived from an image by the server; NULL for other types or when it could
 *   height      INT  NULL        } not
 *   thumbnail   TEXT NULL        base64 JPEG derived from an image
 *   item_count  INT              media rows on this content; +1 per save, -1 per collected item
 *   state       TEXT             'live' (may be shared by new items) | 'deleting' (item_count reached 0: never
 *                                used again; the bytes are being deleted, then the row); CHECK on both values
 *   created_at  BIGINT           epoch millis (the createdAt of the item whose save inserted it)
 *   UNIQUE INDEX media_content_live_sha256 (sha256) WHERE state = 'live'   dedup look-up; makes two nodes that
 *                                                 store the same bytes at once agree on one live row
 *   INDEX media_content_deleting (id) WHERE state = 'deleting'            what collect hands back
 *
 * media                          media items (media ids): one user's handle on a content
 *   id           TEXT PK         the media id
 *   content_id   BIGINT FK media_content
 *   owner_id     BIGINT FK users the uploader (may always read it)
 *   file_name    TEXT NULL       original name without directories
 *   width        INT  NULL       } the uploader's own values (a video's declared size and poster); where NULL
 *   height       INT  NULL       } the content's apply (MediaItem.ref, and COALESCE in message reads)
 *   duration_ms  BIGINT NULL     }
 *   thumbnail    TEXT NULL       }
 *   message_refs INT             messages whose media_id is this item; +1 per append, -1 when a message's
 *                                content is purged (SqlRetentionStore sets its media_id NULL)
 *   created_at   BIGINT          epoch millis; the grace period of garbage collection starts here
 *   INDEX media_by_content (content_id)                                FK check when a content row is deleted
 *   INDEX media_unreferenced (created_at) WHERE message_refs = 0       garbage-collection candidates
 *
 * uploads                        resumable uploads in progress (the bytes are staged in the BlobStore under id)
 *   id            TEXT PK
 *   owner_id      BIGINT FK users
 *   length        BIGINT         announced size
 *   declared_mime TEXT           the type the client announced
 *   file_name     TEXT NULL
 *   sha256        TEXT NULL      the hash the client announced
 *   width, height INT NULL       } what the client says about a video
 *   duration_ms   BIGINT NULL    }
 *   created_at    BIGINT         epoch millis
 *   INDEX uploads_by_created (created_at, id)                          the abandoned-upload sweep, oldest first
 * </pre>
 * {@code messages.media_id} (see {@link SqlMessageLog}) references {@code media}; appending such a message
 * increments {@code message_refs} in its own write task, under the same row lock a collection needs to delete
 * the item. Reference counting is what keeps deletion safe with several nodes on one PostgreSQL (each with its
 * own writer): {@link #save} increments the live content's {@code item_count} with {@code UPDATE … WHERE sha256
 * = ? AND state = 'live'} (so it never revives a {@code deleting} row) and, finding none, inserts with {@code ON
 * CONFLICT (sha256) WHERE state = 'live' DO NOTHING} (a concurrent node won: take its row); {@link #collect}
 * deletes an item only {@code WHERE message_refs = 0} and, in the same statement that decrements the content's
 * count, marks it {@code deleting} when the count reaches 0. {@link #save} throws {@link IllegalStateException}
 * (and writes nothing) when it would have to insert a content whose blob key another row already names (a live
 * content passed back in after it was collected). Reads use the read pool; writes go through the
 * single writer of {@link SqlDatabase}.
 */
public final class SqlMediaStore implements MediaStore {
    private static final String LIVE = "live";
    private static final String DELETING = "deleting";
    /** Rounds of "use the live row, else insert one" before {@link #save} gives up (each lost round is a race). */
    private static final int SAVE_ROUNDS = 5;

    private static final String INSERT_UPLOAD = "INSERT INTO uploads (" + MediaRows.UPLOAD_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPLOAD_BY = "SELECT " + MediaRows.UPLOAD_COLUMNS + " FROM uploads WHERE ";
    // the states are literals, not parameters, so that the partial indexes apply on both engines
    private static final String LIVE_CONTENT = "SELECT " + MediaRows.contentColumns("mc") + " FROM media_content mc"
            + " WHERE mc.sha256 = ? AND mc.state = '" + LIVE + "' AND mc.size = ?";
    private static final String DELETING_CONTENTS = "SELECT " + MediaRows.contentColumns("mc")
            + " FROM media_content mc WHERE mc.state = '" + DELETING + "' ORDER BY mc.id LIMIT ?";
    private static final String DELETE_CONTENT = "DELETE FROM media_content WHERE id = ? AND state = '" + DELETING
            + "'";
    private static final String USE_LIVE_CONTENT = "UPDATE media_content SET item_count = item_count + 1"
            + " WHERE sha256 = ? AND state = '" + LIVE + "' RETURNING " + MediaRows.contentColumns("media_content");
    private static final String INSERT_CONTENT = "INSERT INTO media_content (sha256, size, mime, blob_key, width,"
            + " height, thumbnail, item_count, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, '" + LIVE + "', ?)"
            + " ON CONFLICT (sha256) WHERE state = '" + LIVE + "' DO NOTHING RETURNING "
            + MediaRows.contentColumns("media_content");
    private static final String INSERT_ITEM = "INSERT INTO media (id, content_id, owner_id, file_name, width,"
            + " height, duration_ms, thumbnail, message_refs, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)";
    private static final String CAN_READ = "SELECT 1 WHERE EXISTS (SELECT 1 FROM media WHERE id = ? AND owner_id = ?)"
            + " OR EXISTS (SELECT 1 FROM messages m JOIN memberships ms ON ms.chat_id = m.chat_id AND ms.user_id = ?"
            + " WHERE m.media_id = ? AND ms.join_seq <= m.seq AND m.seq <= ms.leave_seq)";
    private static final String SET_POSTER = "UPDATE media SET thumbnail = ?, width = COALESCE(?, width),"
            + " height = COALESCE(?, height) WHERE id = ?";
    private static final String COLLECTABLE = "SELECT id, content_id FROM media WHERE message_refs = 0"
            + " AND created_at < ? ORDER BY created_at, id LIMIT ?";
    private static final String RELEASE_CONTENT = "UPDATE media_content SET item_count = item_count - 1,"
            + " state = CASE WHEN item_count = 1 THEN '" + DELETING + "' ELSE state END WHERE id = ?";

    private final SqlDatabase database;

    public SqlMediaStore(SqlDatabase database) {
        this.database = database;
    }

    @Override
    public void createUpload(Upload u) {
        database.write(tx -> Jdbc.update(tx.connection(), INSERT_UPLOAD, u.id(), u.ownerId(), u.length(),
                u.declaredMime(), u.fileName(), u.sha256(), u.width(), u.height(), u.durationMs(),
                Rows.millis(u.createdAt())));
    }

    @Override
    public Optional<Upload> upload(String uploadId) {
        return database.read(c -> Jdbc.first(c, UPLOAD_BY + "id = ?", MediaRows::upload, uploadId));
    }

    @Override
    public void deleteUpload(String uploadId) {
        database.write(tx -> Jdbc.update(tx.connection(), "DELETE FROM uploads WHERE id = ?", uploadId));
    }

    @Override
    public List<Upload> uploadsCreatedBefore(Instant createdBefore, int limit) {
        requirePositive(limit);
        return database.read(c -> Jdbc.list(c, UPLOAD_BY + "created_at < ? ORDER BY created_at, id LIMIT ?",
                MediaRows::upload, Rows.millis(createdBefore), limit));
    }

    @Override
    public Optional<MediaContent> liveContent(String sha256, long size) {
        return database.read(c -> Jdbc.first(c, LIVE_CONTENT, MediaRows::content, sha256, size));
    }

    @Override
    public MediaItem save(MediaContent content, MediaItem item, String uploadId) {
        return database.write(tx -> save(tx.connection(), content, item, uploadId));
    }

    @Override
    public Optional<MediaItem> item(String mediaId) {
        return database.read(c -> Jdbc.first(c, MediaRows.ITEM_SELECT + " WHERE md.id = ?", MediaRows::item,
                mediaId));
    }

    @Override
    public boolean canRead(String mediaId, long userId) {
        return database.read(c -> Jdbc.first(c, CAN_READ, row -> true, mediaId, userId, userId, mediaId))
                .isPresent();
    }

    @Override
    public void setPoster(String mediaId, String thumbnail, Integer width, Integer height) {
        database.write(tx -> Jdbc.update(tx.connection(), SET_POSTER, thumbnail, width, height, mediaId));
    }

    @Override
    public List<MediaContent> collect(Instant unreferencedSince, int limit) {
        requirePositive(limit);
        return database.write(tx -> collect(tx.connection(), Rows.millis(unreferencedSince), limit));
    }

    @Override
    public void contentDeleted(long contentId) {
        database.write(tx -> Jdbc.update(tx.connection(), DELETE_CONTENT, contentId));
    }

    /** One write task: the content used (counted), the item on it, the upload record gone. */
    private static MediaItem save(Connection c, MediaContent content, MediaItem item, String uploadId)
            throws SQLException {
        MediaContent used = useOrInsert(c, content, item.createdAt());
        Jdbc.update(c, INSERT_ITEM, item.id(), used.id(), item.ownerId(), item.fileName(), item.width(),
                item.height(), item.durationMs(), item.thumbnail(), Rows.millis(item.createdAt()));
        if (uploadId != null) {
            Jdbc.update(c, "DELETE FROM uploads WHERE id = ?", uploadId);
        }
        return new MediaItem(item.id(), item.ownerId(), used, item.fileName(), item.width(), item.height(),
                item.durationMs(), item.thumbnail(), Rows.stored(item.createdAt()));
    }

    /**
     * Counts one more item on the live content with this hash, else inserts {@code content} live with one item.
     * The insert finds no row only when another node inserted a live row with the same hash since the update
     * looked (its unique index waited for that commit): the next round's update then counts on that row.
     */
    private static MediaContent useOrInsert(Connection c, MediaContent content, Instant at) throws SQLException {
        for (int round = 0; round < SAVE_ROUNDS; round++) {
            Optional<MediaContent> live = Jdbc.first(c, USE_LIVE_CONTENT, MediaRows::content, content.sha256());
            if (live.isPresent()) {
                return live.get();
            }
            requireUnusedBlobKey(c, content);
            Optional<MediaContent> inserted = Jdbc.first(c, INSERT_CONTENT, MediaRows::content, content.sha256(),
                    content.size(), content.mime(), content.blobKey(), content.width(), content.height(),
                    content.thumbnail(), Rows.millis(at));
            if (inserted.isPresent()) {
                return inserted.get();
            }
        }
        throw new IllegalStateException("could not save content " + content.sha256() + " (blob " + content.blobKey()
                + "): its live row kept appearing and disappearing for " + SAVE_ROUNDS + " rounds");
    }

    /**
     * A content row is never given bytes another row names: that row may be {@code deleting} (its bytes about to
     * go), typically because the caller passed a live content it looked up earlier and it was collected since.
     */
    private static void requireUnusedBlobKey(Connection c, MediaContent content) throws SQLException {
        Optional<String> state = Jdbc.first(c, "SELECT state FROM media_content WHERE blob_key = ?",
                row -> row.getString(1), content.blobKey());
        if (state.isPresent()) {
            throw new IllegalStateException("no live content has hash " + content.sha256() + " any more, and blob "
                    + content.blobKey() + " belongs to a " + state.get() + " content: store the bytes again under"
                    + " a new key");
        }
    }

    /** One write task: delete up to {@code limit} unreferenced old items, then hand back deleting contents. */
    private static List<MediaContent> collect(Connection c, long cutoff, int limit) throws SQLException {
        List<Collectable> candidates = Jdbc.list(c, COLLECTABLE,
                row -> new Collectable(row.getString(1), row.getLong(2)), cutoff, limit);
        for (Collectable candidate : candidates) {
            // a message may have referenced it since the SELECT (another node): then nothing is deleted
            if (Jdbc.update(c, "DELETE FROM media WHERE id = ? AND message_refs = 0", candidate.mediaId()) == 1) {
                Jdbc.update(c, RELEASE_CONTENT, candidate.contentId());
            }
        }
        return Jdbc.list(c, DELETING_CONTENTS, MediaRows::content, limit);
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
    }

    /** A garbage-collection candidate: the item and its content. */
    private record Collectable(String mediaId, long contentId) {
    }
}
