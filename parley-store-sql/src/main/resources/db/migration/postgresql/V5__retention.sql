-- Retention (PostgreSQL dialect): disappearing-message timers, the background purge of delivered or expired content,
-- and expired markers in the update stream. Times are epoch milliseconds.
-- The column meanings are documented in the Javadoc of dev.parley.store.sql.SqlRetentionStore.

-- chats: the disappearing-message timer (0 = off), read in the sequencing step of every append
ALTER TABLE chats ADD COLUMN timer_seconds BIGINT NOT NULL DEFAULT 0;

-- messages: when a message sent while the timer was on disappears; how many MESSAGE_ADDED entries of the update
-- stream still point at it; when its content was purged (NULL while whole)
ALTER TABLE messages ADD COLUMN expires_at BIGINT;
ALTER TABLE messages ADD COLUMN undelivered INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN purged_at BIGINT;
-- the timer sweep, soonest first: only disappearing messages that still have content enter it (appends of
-- messages sent while no timer is on pay nothing for it)
CREATE INDEX messages_expiring ON messages (expires_at) WHERE expires_at IS NOT NULL AND purged_at IS NULL;

-- the entries written before this migration are counted once
UPDATE messages SET undelivered = pending.entries
    FROM (SELECT chat_id, seq, COUNT(*) AS entries FROM updates WHERE kind = 'MESSAGE_ADDED'
          GROUP BY chat_id, seq) AS pending
    WHERE messages.chat_id = pending.chat_id AND messages.seq = pending.seq;

-- updates: EXPIRED entries cover the seqs seq..to_seq of chat_id (payload: TIMER | TTL)
ALTER TABLE updates ADD COLUMN to_seq BIGINT;

-- users: every entry with cursor <= trimmed_cursor was trimmed (the trim resumes there)
ALTER TABLE users ADD COLUMN trimmed_cursor BIGINT NOT NULL DEFAULT 0;
