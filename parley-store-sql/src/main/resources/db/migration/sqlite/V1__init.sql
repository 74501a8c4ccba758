-- Parley schema, SQLite dialect. Times are epoch milliseconds. Booleans are 0/1.
-- The column meanings are documented in the Javadoc of the dev.parley.store.sql adapters.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT UNIQUE,
    phone         TEXT UNIQUE,
    display_name  TEXT,
    password_hash TEXT,
    read_receipts INTEGER NOT NULL DEFAULT 1,
    update_head   INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    CHECK (username IS NOT NULL OR phone IS NOT NULL)
);

CREATE TABLE devices (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    name         TEXT    NOT NULL,
    token_hash   BLOB    NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    acked_cursor INTEGER NOT NULL,
    revoked_at   INTEGER
);
CREATE INDEX devices_by_user ON devices (user_id);

CREATE TABLE chats (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    kind          TEXT    NOT NULL,
    direct_key    TEXT UNIQUE,
    last_seq      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    last_activity INTEGER NOT NULL
);

CREATE TABLE memberships (
    chat_id       INTEGER NOT NULL REFERENCES chats (id),
    user_id       INTEGER NOT NULL REFERENCES users (id),
    role          TEXT    NOT NULL,
    join_seq      INTEGER NOT NULL,
    leave_seq     INTEGER NOT NULL DEFAULT 9223372036854775807,
    delivered_seq INTEGER NOT NULL DEFAULT 0,
    read_seq      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (chat_id, user_id)
);
CREATE INDEX memberships_by_user ON memberships (user_id, leave_seq);

CREATE TABLE messages (
    chat_id          INTEGER NOT NULL REFERENCES chats (id),
    seq              INTEGER NOT NULL,
    id               TEXT    NOT NULL UNIQUE,
    sender_id        INTEGER NOT NULL REFERENCES users (id),
    sender_device_id INTEGER NOT NULL,
    client_id        TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    body             TEXT,
    reply_to         INTEGER,
    created_at       INTEGER NOT NULL,
    PRIMARY KEY (chat_id, seq),
    UNIQUE (sender_id, client_id)
);

CREATE TABLE updates (
    user_id       INTEGER NOT NULL REFERENCES users (id),
    cursor        INTEGER NOT NULL,
    kind          TEXT    NOT NULL,
    chat_id       INTEGER NOT NULL,
    seq           INTEGER,
    member_id     INTEGER,
    delivered_seq INTEGER,
    read_seq      INTEGER,
    read_shared   INTEGER,
    payload       TEXT,
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (user_id, cursor)
);
