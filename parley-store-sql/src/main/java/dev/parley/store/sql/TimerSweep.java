package dev.parley.store.sql;

import dev.parley.core.model.Event.Expired;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The third purge step of {@link SqlRetentionStore}: the messages whose chat timer ran out.
 *
 * <p>The due messages come from the partial index {@code messages_expiring} (only disappearing messages with
 * content are in it), soonest due first, at most {@code limit}; they are then handled by chat and seq. Each is
 * purged ({@link MessagePurge#purge}; a message another node purged meanwhile is skipped), the purged seqs of a
 * chat are cut into runs of consecutive seqs (a message that does not expire, a system entry or a message purged
 * earlier ends a run), the {@code MessageAdded} entries still pointing into those runs are deleted — one
 * {@code DELETE} per {@value #RUNS_PER_DELETE} runs, which scans {@code updates} (no index besides its primary key,
 * see {@link SqlUpdateStream}) — and every active member of the chat gets {@code Expired(chat, from, to, TIMER)}
 * per run.
 */
final class TimerSweep {
    static final int RUNS_PER_DELETE = 200;

    private static final String DUE = "SELECT chat_id, seq, media_id FROM messages WHERE expires_at IS NOT NULL"
            + " AND expires_at <= ? AND purged_at IS NULL ORDER BY expires_at, chat_id, seq LIMIT ?";
    private static final String DELETE_ENTRIES = "DELETE FROM updates WHERE kind = '" + UpdateEntries.MESSAGE_ADDED
            + "' AND (";
    private static final String RUN = "(chat_id = ? AND seq >= ? AND seq <= ?)";

    /** A due message and the media item it references (null: none). */
    private record Due(MessagePurge.Key key, String mediaId) {
    }

    /** Seqs {@code from..to} of a chat, all purged by this step. */
    private record Run(long chatId, long from, long to) {
    }

    private TimerSweep() {
    }

    /** One write task; see {@link SqlRetentionStore#purge}. */
    static StepResult run(WriteTx tx, Instant now, int limit) throws SQLException {
        Connection c = tx.connection();
        long millis = Rows.millis(now);
        List<Due> due = new ArrayList<>(Jdbc.list(c, DUE,
                row -> new Due(new MessagePurge.Key(row.getLong(1), row.getLong(2)), row.getString(3)), millis,
                limit));
        due.sort((a, b) -> a.key().compareTo(b.key()));
        List<Run> runs = new ArrayList<>();
        for (Due message : due) {
            if (MessagePurge.purge(c, message.key(), message.mediaId(), millis)) {
                extend(runs, message.key());
            }
        }
        List<MessagePurge.Entry> deleted = deleteEntries(c, runs);
        MessagePurge.release(c, MessagePurge.perMessage(deleted), false, millis);
        tell(tx, runs, now);
        int purged = runs.stream().mapToInt(run -> Math.toIntExact(run.to() - run.from() + 1)).sum();
        return new StepResult(deleted.size(), purged, due.size() >= limit);
    }

    /** Adds {@code key} to the last run when it continues it, else starts a new run. */
    private static void extend(List<Run> runs, MessagePurge.Key key) {
        if (!runs.isEmpty()) {
            Run last = runs.getLast();
            if (last.chatId() == key.chatId() && last.to() + 1 == key.seq()) {
                runs.set(runs.size() - 1, new Run(last.chatId(), last.from(), key.seq()));
                return;
            }
        }
        runs.add(new Run(key.chatId(), key.seq(), key.seq()));
    }

    /** Deletes the entries of the purged messages (the pending ones of members who did not get them yet). */
    private static List<MessagePurge.Entry> deleteEntries(Connection c, List<Run> runs) throws SQLException {
        List<MessagePurge.Entry> deleted = new ArrayList<>();
        for (List<Run> chunk : Jdbc.chunks(runs, RUNS_PER_DELETE)) {
            List<Object> params = new ArrayList<>();
            List<String> conditions = new ArrayList<>();
            for (Run run : chunk) {
                conditions.add(RUN);
                params.addAll(List.of(run.chatId(), run.from(), run.to()));
            }
            deleted.addAll(Jdbc.list(c, DELETE_ENTRIES + String.join(" OR ", conditions) + ")"
                    + MessagePurge.RETURNING, MessagePurge::entry, params.toArray()));
        }
        return deleted;
    }

    /** One {@code Expired(TIMER)} per run to every active member of its chat. */
    private static void tell(WriteTx tx, List<Run> runs, Instant now) throws SQLException {
        Map<Long, List<Long>> members = new TreeMap<>();
        for (Run run : runs) {
            List<Long> active = members.get(run.chatId());
            if (active == null) {
                active = ChatLog.activeUserIds(tx.connection(), run.chatId());
                members.put(run.chatId(), active);
            }
            UpdateEntries.append(tx, active, new Expired(run.chatId(), run.from(), run.to(), Expired.Reason.TIMER),
                    now);
        }
    }
}
