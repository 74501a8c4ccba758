package dev.parley.store.sql;

import dev.parley.core.model.Update;
import dev.parley.core.port.UpdateListener;
import dev.parley.core.port.UpdateStream;
import java.util.List;

/**
 * {@link UpdateStream} on SQL. Table:
 * <pre>
 * updates                        the per-user inbox (ARCHITECTURE.md §3)
 *   user_id       BIGINT FK users  } PRIMARY KEY (user_id, cursor); cursor is 1, 2, 3 … per user, no gaps,
 *   cursor        BIGINT           }   taken from users.update_head in the transaction that appends
 *   kind          TEXT           MESSAGE_ADDED | RECEIPT_MOVED | CHAT_CREATED | GROUP_RECEIPT | JOIN_REQUESTED
 *                                | EXPIRED
 *   chat_id       BIGINT         the chat the event is about (every kind)
 *   seq           BIGINT         MESSAGE_ADDED: the entry (chat_id, seq), joined with messages on read (a
 *                                SYSTEM entry comes back with its SystemEvent, a media message with its
 *                                MediaRef; counted in messages.undelivered, see SqlRetentionStore);
 *                                EXPIRED: the first seq of the expired range
 *   to_seq        BIGINT         EXPIRED: the last seq of the range
 *   member_id     BIGINT         RECEIPT_MOVED: whose watermarks moved; JOIN_REQUESTED: who asked to join
 *   delivered_seq BIGINT         RECEIPT_MOVED: the member's deliveredSeq after the move;
 *                                GROUP_RECEIPT: seq every other active member delivered
 *   read_seq      BIGINT         RECEIPT_MOVED: the member's readSeq after the move;
 *                                GROUP_RECEIPT: seq every other active member read
 *   read_shared   BOOLEAN        RECEIPT_MOVED: whether the member shares read receipts (INTEGER on SQLite)
 *   payload       TEXT           CHAT_CREATED: member user ids as a comma list ("3,7"); the kind comes from chats;
 *                                EXPIRED: the reason, TIMER | TTL
 *   created_at    BIGINT         epoch millis of the append
 * </pre>
 * Columns that do not apply to a kind are NULL. Device progress is {@code devices.acked_cursor} (see
 * {@link SqlAccountStore}); the user's head is {@code users.update_head}. The table has no index besides its
 * primary key, on purpose: every send inserts one row per recipient. Entries leave it once every active device of
 * their user acknowledged them, or after the undelivered TTL ({@link SqlRetentionStore}), so in steady state it
 * holds only unacknowledged entries, and the few sweeps that are not by user (TTL, a chat's expired messages)
 * scan it.
 */
public final class SqlUpdateStream implements UpdateStream {
    private final SqlDatabase database;

    public SqlUpdateStream(SqlDatabase database) {
        this.database = database;
    }

    @Override
    public List<Update> read(long userId, long afterCursor, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        return database.read(c -> UpdateEntries.read(c, userId, afterCursor, limit));
    }

    @Override
    public long head(long userId) {
        return database.read(c -> Jdbc.first(c, "SELECT update_head FROM users WHERE id = ?",
                row -> row.getLong(1), userId)).orElse(0L);
    }

    @Override
    public long ackedCursor(long deviceId) {
        return database.read(c -> Jdbc.first(c, "SELECT acked_cursor FROM devices WHERE id = ?",
                row -> row.getLong(1), deviceId)).orElse(-1L);
    }

    @Override
    public void listen(UpdateListener listener) {
        database.listen(listener);
    }
}
