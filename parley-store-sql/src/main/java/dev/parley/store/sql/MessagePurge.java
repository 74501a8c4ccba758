package dev.parley.store.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the purge steps of {@link SqlRetentionStore} share: counting the {@code MessageAdded} entries a step
 * deleted per message, giving them back to {@code messages.undelivered}, and purging a message's content.
 *
 * <p>Both writes are guarded so that two nodes purging the same database never count twice: the entries reach
 * the counters only through the {@code DELETE … RETURNING} that removed them (a row deleted by another node's
 * statement is not returned to this one), and a message is purged only {@code WHERE purged_at IS NULL} (the
 * loser of a race updates no row, so the media reference is released once).
 */
final class MessagePurge {
    /** The columns every entry-deleting statement returns, for {@link #entry}. */
    static final String RETURNING = " RETURNING user_id, kind, chat_id, seq";

    private static final String RELEASE = "UPDATE messages SET undelivered = undelivered - ?"
            + " WHERE chat_id = ? AND seq = ? RETURNING undelivered, purged_at, media_id";
    private static final String PURGE = "UPDATE messages SET body = NULL, media_id = NULL, purged_at = ?"
            + " WHERE chat_id = ? AND seq = ? AND purged_at IS NULL";
    private static final String UNREFERENCE = "UPDATE media SET message_refs = message_refs - 1 WHERE id = ?";

    /** A message of a chat's log, ordered by chat then seq (the order in which the steps lock messages). */
    record Key(long chatId, long seq) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int byChat = Long.compare(chatId, o.chatId);
            return byChat != 0 ? byChat : Long.compare(seq, o.seq);
        }
    }

    /** An update-stream entry a step deleted ({@link #RETURNING}); {@code seq} is null for kinds without one. */
    record Entry(long userId, String kind, long chatId, Long seq) {
        boolean messageAdded() {
            return UpdateEntries.MESSAGE_ADDED.equals(kind);
        }
    }

    private MessagePurge() {
    }

    static Entry entry(ResultSet row) throws SQLException {
        return new Entry(row.getLong(1), row.getString(2), row.getLong(3), Jdbc.nullableLong(row, 4));
    }

    /** The number of deleted {@code MessageAdded} entries per message, by chat and seq. */
    static Map<Key, Integer> perMessage(Iterable<Entry> deleted) {
        Map<Key, Integer> counts = new TreeMap<>();
        for (Entry entry : deleted) {
            if (entry.messageAdded()) {
                counts.merge(new Key(entry.chatId(), entry.seq()), 1, Integer::sum);
            }
        }
        return counts;
    }

    /**
     * Subtracts the deleted entries from each message's {@code undelivered} (one statement per message); with
     * {@code purgeDelivered} (UNTIL_DELIVERED) purges each message that has none left. Returns how many it purged.
     */
    static int release(Connection c, Map<Key, Integer> deleted, boolean purgeDelivered, long now)
            throws SQLException {
        int purged = 0;
        for (Map.Entry<Key, Integer> message : deleted.entrySet()) {
            Key key = message.getKey();
            Optional<Remaining> remaining = Jdbc.first(c, RELEASE, row -> new Remaining(row.getLong(1),
                    Jdbc.nullableLong(row, 2) != null, row.getString(3)), message.getValue(), key.chatId(), key.seq());
            if (purgeDelivered && remaining.isPresent() && remaining.get().undelivered() == 0
                    && !remaining.get().purged() && purge(c, key, remaining.get().mediaId(), now)) {
                purged++;
            }
        }
        return purged;
    }

    /**
     * Deletes the message's content, keeping its skeleton: text and media reference go (the media item's
     * {@code message_refs} goes down with it, so garbage collection can take the item), a system entry keeps its
     * event (the CHECK constraint of {@code messages} requires it). False when it was purged already.
     */
    static boolean purge(Connection c, Key key, String mediaId, long now) throws SQLException {
        if (Jdbc.update(c, PURGE, now, key.chatId(), key.seq()) == 0) {
            return false;
        }
        if (mediaId != null) {
            Jdbc.update(c, UNREFERENCE, mediaId);
        }
        return true;
    }

    /** A message's counter after a release, whether it is purged, and its media (as read under its row lock). */
    private record Remaining(long undelivered, boolean purged, String mediaId) {
    }
}
