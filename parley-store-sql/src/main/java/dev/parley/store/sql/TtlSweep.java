package dev.parley.store.sql;

import dev.parley.core.model.Event.Expired;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The second purge step of {@link SqlRetentionStore}: deletes update-stream entries (any kind) older than the
 * undelivered TTL, tells each user which seqs of which chat they will never get, and (UNTIL_DELIVERED) purges the
 * messages whose last entry went.
 *
 * <p>The oldest {@code limit} entries by primary key are deleted with one {@code DELETE … WHERE (user_id, cursor)
 * IN (SELECT … LIMIT ?) RETURNING}: there is no index on {@code updates.created_at} (it would cost every send one
 * more B-tree insert per recipient), and the table holds only unacknowledged entries once trimmed, so the scan
 * stays small. The deleted {@code MessageAdded} entries become one {@code Expired(chat, minSeq, maxSeq, TTL)} per
 * (user, chat), appended like any entry (new cursors, listener notified); users with the same range share one
 * append. Only message entries produce a marker, so markers that outlive the TTL in turn go quietly.
 *
 * <p>The DELETE scans {@code updates}, so the sweep first reads the oldest {@code created_at} (one scan, for
 * {@code MIN}): when nothing is older than the cutoff it deletes nothing, and that age becomes the {@link EntryAges}
 * floor under which {@link SqlRetentionStore} skips the sweep without touching the table (measured: the sweep
 * after every trim batch was ≈ 11 % of the server's CPU in B1, docs/benchmarks.md).
 */
final class TtlSweep {
    private static final String DELETE = "DELETE FROM updates WHERE (user_id, cursor) IN (SELECT user_id, cursor"
            + " FROM updates WHERE created_at < ? ORDER BY user_id, cursor LIMIT ?)" + MessagePurge.RETURNING;
    private static final String OLDEST = "SELECT MIN(created_at) FROM updates";
    private static final Comparator<Expired> BY_RANGE = Comparator.comparingLong(Expired::chatId)
            .thenComparingLong(Expired::fromSeq).thenComparingLong(Expired::toSeq);

    private TtlSweep() {
    }

    /**
     * What one sweep did, and the oldest {@code created_at} left ({@code Long.MAX_VALUE} when the table is empty)
     * when it found nothing to delete, else null.
     */
    record Result(StepResult step, Long oldest) {
    }

    /** One write task; see {@link SqlRetentionStore#purge}. */
    static Result run(WriteTx tx, boolean purgeDelivered, Instant now, long cutoff, int limit)
            throws SQLException {
        // MIN over no rows is NULL: an empty table has nothing to expire
        long oldest = Jdbc.first(tx.connection(), OLDEST, row -> {
            Long at = Jdbc.nullableLong(row, 1);
            return at == null ? Long.MAX_VALUE : at;
        }).orElse(Long.MAX_VALUE);
        if (oldest >= cutoff) {
            return new Result(new StepResult(0, 0, false), oldest);
        }
        return new Result(delete(tx, purgeDelivered, now, cutoff, limit), null);
    }

    private static StepResult delete(WriteTx tx, boolean purgeDelivered, Instant now, long cutoff, int limit)
            throws SQLException {
        List<MessagePurge.Entry> deleted = Jdbc.list(tx.connection(), DELETE, MessagePurge::entry, cutoff, limit);
        for (Map.Entry<Expired, Set<Long>> marker : markers(deleted).entrySet()) {
            UpdateEntries.append(tx, marker.getValue(), marker.getKey(), now);
        }
        int purged = MessagePurge.release(tx.connection(), MessagePurge.perMessage(deleted), purgeDelivered,
                Rows.millis(now));
        return new StepResult(deleted.size(), purged, deleted.size() >= limit);
    }

    /** One TTL marker per (user, chat) spanning the deleted message seqs, with the users who get each. */
    private static Map<Expired, Set<Long>> markers(List<MessagePurge.Entry> deleted) {
        Map<UserChat, long[]> ranges = new TreeMap<>(Comparator.comparingLong(UserChat::userId)
                .thenComparingLong(UserChat::chatId));
        for (MessagePurge.Entry entry : deleted) {
            if (entry.messageAdded()) {
                long seq = entry.seq();
                ranges.merge(new UserChat(entry.userId(), entry.chatId()), new long[] {seq, seq},
                        (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            }
        }
        Map<Expired, Set<Long>> markers = new TreeMap<>(BY_RANGE);
        ranges.forEach((key, range) -> markers.computeIfAbsent(
                new Expired(key.chatId(), range[0], range[1], Expired.Reason.TTL), e -> new TreeSet<>())
                .add(key.userId()));
        return markers;
    }

    private record UserChat(long userId, long chatId) {
    }
}
