-- Groups (PostgreSQL dialect): group data, system entries in the chat log, invite links, join requests, the
-- times receipt watermarks moved, and indexes for group receipts. Times are epoch milliseconds.
-- The column meanings are documented in the Javadoc of the dev.parley.store.sql adapters.

CREATE TABLE groups (
    chat_id          BIGINT  PRIMARY KEY REFERENCES chats (id),
    name             TEXT    NOT NULL,
    description      TEXT,
    avatar           TEXT,
    only_admins_send BOOLEAN NOT NULL DEFAULT FALSE,
    only_admins_edit BOOLEAN NOT NULL DEFAULT FALSE,
    created_by       BIGINT  NOT NULL REFERENCES users (id),
    max_members      INTEGER NOT NULL
);

-- messages: client_id becomes nullable (system entries have none; NULLs never collide in the unique key) and
-- the new column system holds the encoded SystemEvent.
ALTER TABLE messages ALTER COLUMN client_id DROP NOT NULL;
ALTER TABLE messages ADD COLUMN system TEXT;
ALTER TABLE messages ADD CONSTRAINT messages_system_entries CHECK (
    (kind = 'SYSTEM' AND system IS NOT NULL AND client_id IS NULL)
    OR (kind <> 'SYSTEM' AND system IS NULL AND client_id IS NOT NULL));
CREATE INDEX messages_by_sender ON messages (chat_id, sender_id, seq);

CREATE INDEX memberships_by_delivered ON memberships (chat_id, leave_seq, delivered_seq);
CREATE INDEX memberships_by_read ON memberships (chat_id, leave_seq, read_seq);

CREATE TABLE invites (
    code              TEXT    PRIMARY KEY,
    chat_id           BIGINT  NOT NULL REFERENCES groups (chat_id),
    created_by        BIGINT  NOT NULL REFERENCES users (id),
    approval_required BOOLEAN NOT NULL,
    created_at        BIGINT  NOT NULL,
    revoked_at        BIGINT
);
CREATE INDEX invites_by_chat ON invites (chat_id, created_at);

CREATE TABLE join_requests (
    chat_id      BIGINT NOT NULL REFERENCES groups (chat_id),
    user_id      BIGINT NOT NULL REFERENCES users (id),
    invite_code  TEXT   NOT NULL REFERENCES invites (code),
    requested_at BIGINT NOT NULL,
    PRIMARY KEY (chat_id, user_id)
);

CREATE TABLE receipt_marks (
    chat_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    kind    TEXT   NOT NULL CHECK (kind IN ('D', 'R')),
    seq     BIGINT NOT NULL,
    at      BIGINT NOT NULL,
    PRIMARY KEY (chat_id, user_id, kind, seq)
);
