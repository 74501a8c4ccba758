-- Contacts, blocks and presence privacy (PostgreSQL dialect). Times are epoch milliseconds.
-- The column meanings are documented in the Javadoc of the dev.parley.store.sql adapters.

-- users: who may see the last-seen time and the online state (Settings.lastSeen / Settings.online), and the
-- durable last-seen time (NULL until the user's last device first goes offline).
ALTER TABLE users ADD COLUMN last_seen_visibility TEXT NOT NULL DEFAULT 'EVERYONE'
    CONSTRAINT users_last_seen_visibility CHECK (last_seen_visibility IN ('EVERYONE', 'CONTACTS', 'NOBODY'));
ALTER TABLE users ADD COLUMN online_visibility TEXT NOT NULL DEFAULT 'EVERYONE'
    CONSTRAINT users_online_visibility CHECK (online_visibility IN ('EVERYONE', 'CONTACTS', 'NOBODY'));
ALTER TABLE users ADD COLUMN last_seen BIGINT;

CREATE TABLE contacts (
    owner_id BIGINT NOT NULL REFERENCES users (id),
    user_id  BIGINT NOT NULL REFERENCES users (id),
    name     TEXT   NOT NULL,
    added_at BIGINT NOT NULL,
    PRIMARY KEY (owner_id, user_id)
);
-- whose contact list a user is in (presence visibility CONTACTS, fan-out of presence changes)
CREATE INDEX contacts_by_user ON contacts (user_id, owner_id);

CREATE TABLE blocks (
    blocker_id BIGINT NOT NULL REFERENCES users (id),
    blocked_id BIGINT NOT NULL REFERENCES users (id),
    blocked_at BIGINT NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);
-- who blocked a user
CREATE INDEX blocks_by_blocked ON blocks (blocked_id, blocker_id);
