-- Groups (SQLite dialect): group data, system entries in the chat log, invite links, join requests, the
-- times receipt watermarks moved, and indexes for group receipts. Times are epoch milliseconds; booleans 0/1.
-- The column meanings are documented in the Javadoc of the dev.parley.store.sql adapters.

CREATE TABLE groups (
    chat_id          INTEGER PRIMARY KEY REFERENCES chats (id),
    name             TEXT    NOT NULL,
    description      TEXT,
    avatar           TEXT,
    only_admins_send INTEGER NOT NULL DEFAULT 0,
    only_admins_edit INTEGER NOT NULL DEFAULT 0,
    created_by       INTEGER NOT NULL REFERENCES users (id),
    max_members      INTEGER NOT NULL
);

-- messages: client_id becomes nullable (system entries have none; NULLs never collide in the unique key) and
-- the new column system holds the encoded SystemEvent. SQLite cannot drop a NOT NULL in place, so the table is
-- rebuilt (nothing references messages by foreign key).
CREATE TABLE messages_v2 (
    chat_id          INTEGER NOT NULL REFERENCES chats (id),
    seq              INTEGER NOT NULL,
    id               TEXT    NOT NULL UNIQUE,
    sender_id        INTEGER NOT NULL REFERENCES users (id),
    sender_device_id INTEGER NOT NULL,
    client_id        TEXT,
    kind             TEXT    NOT NULL,
    body             TEXT,
    reply_to         INTEGER,
    created_at       INTEGER NOT NULL,
    system           TEXT,
    PRIMARY KEY (chat_id, seq),
    UNIQUE (sender_id, client_id),
    CONSTRAINT messages_system_entries CHECK ((kind = 'SYSTEM' AND system IS NOT NULL AND client_id IS NULL)
        OR (kind <> 'SYSTEM' AND system IS NULL AND client_id IS NOT NULL))
);
INSERT INTO messages_v2 (chat_id, seq, id, sender_id, sender_device_id, client_id, kind, body, reply_to, created_at)
    SELECT chat_id, seq, id, sender_id, sender_device_id, client_id, kind, body, reply_to, created_at FROM messages;
DROP TABLE messages;
ALTER TABLE messages_v2 RENAME TO messages;
CREATE INDEX messages_by_sender ON messages (chat_id, sender_id, seq);

CREATE INDEX memberships_by_delivered ON memberships (chat_id, leave_seq, delivered_seq);
CREATE INDEX memberships_by_read ON memberships (chat_id, leave_seq, read_seq);

CREATE TABLE invites (
    code              TEXT    PRIMARY KEY,
    chat_id           INTEGER NOT NULL REFERENCES groups (chat_id),
    created_by        INTEGER NOT NULL REFERENCES users (id),
    approval_required INTEGER NOT NULL,
    created_at        INTEGER NOT NULL,
    revoked_at        INTEGER
);
CREATE INDEX invites_by_chat ON invites (chat_id, created_at);

CREATE TABLE join_requests (
    chat_id      INTEGER NOT NULL REFERENCES groups (chat_id),
    user_id      INTEGER NOT NULL REFERENCES users (id),
    invite_code  TEXT    NOT NULL REFERENCES invites (code),
    requested_at INTEGER NOT NULL,
    PRIMARY KEY (chat_id, user_id)
);

CREATE TABLE receipt_marks (
    chat_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    kind    TEXT    NOT NULL CHECK (kind IN ('D', 'R')),
    seq     INTEGER NOT NULL,
    at      INTEGER NOT NULL,
    PRIMARY KEY (chat_id, user_id, kind, seq)
) WITHOUT ROWID;
