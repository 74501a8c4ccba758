-- Media (SQLite dialect): stored content (one live row per SHA-256), the media items users hold on it, uploads
-- in progress, and the media a message references. Times are epoch milliseconds.
-- The column meanings are documented in the Javadoc of dev.parley.store.sql.SqlMediaStore.

CREATE TABLE media_content (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    sha256     TEXT    NOT NULL,
    size       INTEGER NOT NULL,
    mime       TEXT    NOT NULL,
    blob_key   TEXT    NOT NULL UNIQUE,
    width      INTEGER,
    height     INTEGER,
    thumbnail  TEXT,
    item_count INTEGER NOT NULL DEFAULT 0,
    state      TEXT    NOT NULL CHECK (state IN ('live', 'deleting')),
    created_at INTEGER NOT NULL
);
-- at most one live content per hash (deduplication); deleting rows may share a hash with a newer live one
CREATE UNIQUE INDEX media_content_live_sha256 ON media_content (sha256) WHERE state = 'live';
-- the rows a garbage collection hands back for deleting their bytes
CREATE INDEX media_content_deleting ON media_content (id) WHERE state = 'deleting';

CREATE TABLE media (
    id           TEXT    PRIMARY KEY,
    content_id   INTEGER NOT NULL REFERENCES media_content (id),
    owner_id     INTEGER NOT NULL REFERENCES users (id),
    file_name    TEXT,
    width        INTEGER,
    height       INTEGER,
    duration_ms  INTEGER,
    thumbnail    TEXT,
    message_refs INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL
);
CREATE INDEX media_by_content ON media (content_id);
-- garbage-collection candidates: items no message references, oldest first
CREATE INDEX media_unreferenced ON media (created_at) WHERE message_refs = 0;

CREATE TABLE uploads (
    id            TEXT    PRIMARY KEY,
    owner_id      INTEGER NOT NULL REFERENCES users (id),
    length        INTEGER NOT NULL,
    declared_mime TEXT    NOT NULL,
    file_name     TEXT,
    sha256        TEXT,
    width         INTEGER,
    height        INTEGER,
    duration_ms   INTEGER,
    created_at    INTEGER NOT NULL
);
-- the abandoned-upload sweep, oldest first
CREATE INDEX uploads_by_created ON uploads (created_at, id);

-- messages: the media item an image/video/file message references (NULL otherwise). A column with a REFERENCES
-- clause and a NULL default may be added in place. The index serves access checks (who may read a media item)
-- and the foreign-key check when a media item is deleted.
ALTER TABLE messages ADD COLUMN media_id TEXT REFERENCES media (id);
CREATE INDEX messages_by_media ON messages (media_id) WHERE media_id IS NOT NULL;
