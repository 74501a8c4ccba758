package dev.parley.store.sql;

import dev.parley.core.model.Event.GroupReceipt;
import dev.parley.core.model.MessageKind;
import dev.parley.core.model.Watermark;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * "All other members delivered / read" in a group, announced as {@link GroupReceipt} entries to the senders
 * whose messages a watermark move newly covers, instead of one receipt per member and move.
 *
 * <p>For a sender S the covered seqs are the minimum watermark over the active members other than S. The
 * two lowest watermarks of the group (indexes {@code memberships_by_delivered / _by_read}) give that minimum for
 * every S: the lowest one unless S holds it, else the second lowest. A {@link Snapshot} of both pairs is taken
 * before and after a member's move; if the pairs' values are equal, no sender's minimum moved (the common case
 * in a big group: the mover was not the last one) and nothing more is read. A mover that holds none of the
 * lowest two of either kind before cannot change them (watermarks only grow), so then the second snapshot is
 * not even read. Otherwise each active sender S ≠
 * mover of a non-SYSTEM message in the moved range gets {@code GroupReceipt(chat, minDelivered(S),
 * minRead(S))} if one of their messages lies in a newly covered range (index {@code messages_by_sender}).
 *
 * <p>Read receipts in groups are shared whatever the readers' settings (as WhatsApp does). On PostgreSQL the
 * caller locks the {@code groups} row ({@link #lock}) before the first snapshot, so concurrent moves of one
 * group from several nodes are computed one after the other and no coverage change is missed.
 */
final class GroupReceipts {
    private static final String LOWEST_TWO = "SELECT user_id, %1$s AS seq FROM memberships"
            + " WHERE chat_id = ? AND leave_seq = ? ORDER BY %1$s, user_id LIMIT 2";
    private static final String SNAPSHOT = "SELECT 'D', d.user_id, d.seq FROM ("
            + LOWEST_TWO.formatted("delivered_seq") + ") d UNION ALL SELECT 'R', r.user_id, r.seq FROM ("
            + LOWEST_TWO.formatted("read_seq") + ") r";
    private static final String SENDERS = "SELECT DISTINCT m.sender_id FROM messages m JOIN memberships ms"
            + " ON ms.chat_id = m.chat_id AND ms.user_id = m.sender_id AND ms.leave_seq = ?"
            + " WHERE m.chat_id = ? AND m.seq > ? AND m.seq <= ? AND m.kind <> ? AND m.sender_id <> ?"
            + " ORDER BY m.sender_id";
    private static final String SENT_IN_RANGE = "SELECT 1 FROM messages WHERE chat_id = ? AND sender_id = ?"
            + " AND seq > ? AND seq <= ? AND kind <> ? LIMIT 1";

    /** The two lowest delivered and read watermarks of a group's active members: {userId, seq} pairs. */
    record Snapshot(List<long[]> delivered, List<long[]> read) {
        OptionalLong minDeliveredWithout(long userId) {
            return minWithout(delivered, userId);
        }

        OptionalLong minReadWithout(long userId) {
            return minWithout(read, userId);
        }

        /** Whether {@code userId} holds one of the lowest two watermarks of either kind. */
        boolean lists(long userId) {
            return delivered.stream().anyMatch(entry -> entry[0] == userId)
                    || read.stream().anyMatch(entry -> entry[0] == userId);
        }

        boolean sameValues(Snapshot other) {
            return values(delivered).equals(values(other.delivered)) && values(read).equals(values(other.read));
        }

        private static OptionalLong minWithout(List<long[]> lowest, long userId) {
            for (long[] entry : lowest) {
                if (entry[0] != userId) {
                    return OptionalLong.of(entry[1]);
                }
            }
            return OptionalLong.empty();
        }

        private static List<Long> values(List<long[]> lowest) {
            return lowest.stream().map(entry -> entry[1]).toList();
        }
    }

    private GroupReceipts() {
    }

    /** Serializes receipt computations of one group across nodes (PostgreSQL); nothing on SQLite. */
    static void lock(Connection c, SqlDialect dialect, long chatId) throws SQLException {
        if (!dialect.forUpdate().isEmpty()) {
            Jdbc.first(c, "SELECT chat_id FROM groups WHERE chat_id = ?" + dialect.forUpdate(), row -> row.getLong(1),
                    chatId);
        }
    }

    static Snapshot snapshot(Connection c, long chatId) throws SQLException {
        List<long[]> delivered = new ArrayList<>(2);
        List<long[]> read = new ArrayList<>(2);
        for (Object[] row : Jdbc.list(c, SNAPSHOT, r -> new Object[] {r.getString(1), r.getLong(2), r.getLong(3)},
                chatId, Rows.ACTIVE, chatId, Rows.ACTIVE)) {
            (row[0].equals("D") ? delivered : read).add(new long[] {(Long) row[1], (Long) row[2]});
        }
        return new Snapshot(delivered, read);
    }

    /**
     * After {@code mover}'s watermarks moved from {@code before} to {@code after} (already written), appends a
     * GroupReceipt to each sender whose messages the move newly covers.
     */
    static void announce(WriteTx tx, Snapshot groupBefore, Watermark before, Watermark after, Instant at)
            throws SQLException {
        if (!groupBefore.lists(after.userId())) {
            return; // the lowest two (seq, user id) of each kind stay below a mover that only goes up
        }
        Connection c = tx.connection();
        long chatId = after.chatId();
        Snapshot groupAfter = snapshot(c, chatId);
        if (groupAfter.sameValues(groupBefore)) {
            return;
        }
        long from = after.readSeq() > before.readSeq() ? before.readSeq() : before.deliveredSeq();
        List<Long> senders = Jdbc.list(c, SENDERS, row -> row.getLong(1), Rows.ACTIVE, chatId, from,
                after.deliveredSeq(), MessageKind.SYSTEM.name(), after.userId());
        Map<GroupReceipt, List<Long>> receipts = new LinkedHashMap<>();
        for (long sender : senders) {
            receiptFor(c, chatId, sender, groupBefore, groupAfter)
                    .ifPresent(receipt -> receipts.computeIfAbsent(receipt, r -> new ArrayList<>()).add(sender));
        }
        for (Map.Entry<GroupReceipt, List<Long>> entry : receipts.entrySet()) {
            UpdateEntries.append(tx, entry.getValue(), entry.getKey(), at);
        }
    }

    /** The receipt for {@code sender} if one of their messages is newly delivered to / read by all others. */
    private static Optional<GroupReceipt> receiptFor(Connection c, long chatId, long sender, Snapshot groupBefore,
                                                     Snapshot groupAfter) throws SQLException {
        OptionalLong deliveredBefore = groupBefore.minDeliveredWithout(sender);
        OptionalLong deliveredAfter = groupAfter.minDeliveredWithout(sender);
        OptionalLong readBefore = groupBefore.minReadWithout(sender);
        OptionalLong readAfter = groupAfter.minReadWithout(sender);
        if (deliveredAfter.isEmpty() || readAfter.isEmpty()) {
            return Optional.empty();
        }
        boolean covered = newlyCovers(c, chatId, sender, deliveredBefore, deliveredAfter.getAsLong())
                || newlyCovers(c, chatId, sender, readBefore, readAfter.getAsLong());
        return covered
                ? Optional.of(new GroupReceipt(chatId, deliveredAfter.getAsLong(), readAfter.getAsLong()))
                : Optional.empty();
    }

    private static boolean newlyCovers(Connection c, long chatId, long sender, OptionalLong before, long after)
            throws SQLException {
        long from = before.orElse(0);
        return after > from && Jdbc.first(c, SENT_IN_RANGE, row -> true, chatId, sender, from, after,
                MessageKind.SYSTEM.name()).isPresent();
    }
}
