package dev.parley.store.sql;

import dev.parley.core.model.Event.ReceiptMoved;
import dev.parley.core.model.Watermark;
import dev.parley.core.port.ReceiptStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link ReceiptStore} on SQL. It keeps no table of its own: the watermarks are
 * {@code memberships.delivered_seq / read_seq} (see {@link SqlChatStore}), device progress is
 * {@code devices.acked_cursor} (see {@link SqlAccountStore}) and the moves are announced as
 * {@code RECEIPT_MOVED} rows of {@code updates} (see {@link SqlUpdateStream}). Both operations are one task of
 * the group-commit writer. Only-forward moves are guarded in SQL ({@code … WHERE delivered_seq < ?}), and the
 * device row is read {@code FOR UPDATE} on PostgreSQL, so concurrent acks from several nodes stay monotonic.
 * The {@code Clock} stamps the appended entries' {@code created_at}.
 */
public final class SqlReceiptStore implements ReceiptStore {
    private static final String DEVICE_CURSOR = "SELECT acked_cursor FROM devices"
            + " WHERE id = ? AND user_id = ? AND revoked_at IS NULL";
    private static final String DELIVERED_IN_RANGE = "SELECT chat_id, MAX(seq) FROM updates"
            + " WHERE user_id = ? AND cursor > ? AND cursor <= ? AND kind = ? GROUP BY chat_id ORDER BY chat_id";
    private static final String RAISE_DELIVERED = "UPDATE memberships SET delivered_seq = ?"
            + " WHERE chat_id = ? AND user_id = ? AND delivered_seq < ? RETURNING delivered_seq, read_seq";
    private static final String RAISE_READ = "UPDATE memberships SET read_seq = ?,"
            + " delivered_seq = CASE WHEN delivered_seq < ? THEN ? ELSE delivered_seq END"
            + " WHERE chat_id = ? AND user_id = ? AND leave_seq = ? AND read_seq < ?"
            + " RETURNING delivered_seq, read_seq";
    private static final String ACTIVE_WATERMARK = "SELECT delivered_seq, read_seq FROM memberships"
            + " WHERE chat_id = ? AND user_id = ? AND leave_seq = ?";

    private final SqlDatabase database;
    private final Clock clock;

    public SqlReceiptStore(SqlDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public List<Watermark> acknowledge(long userId, long deviceId, long cursor) {
        return database.write(tx -> acknowledge(tx, userId, deviceId, cursor));
    }

    @Override
    public Optional<Watermark> markRead(long userId, long chatId, long seq, boolean readShared) {
        return database.write(tx -> markRead(tx, userId, chatId, seq, readShared));
    }

    private List<Watermark> acknowledge(WriteTx tx, long userId, long deviceId, long cursor) throws SQLException {
        Connection c = tx.connection();
        Optional<Long> old = Jdbc.first(c, DEVICE_CURSOR + database.dialect().forUpdate(),
                row -> row.getLong(1), deviceId, userId);
        if (old.isEmpty()) {
            return List.of();
        }
        long head = Jdbc.first(c, "SELECT update_head FROM users WHERE id = ?", row -> row.getLong(1), userId)
                .orElse(0L);
        long target = Math.max(old.get(), Math.min(cursor, head));
        if (target == old.get()) {
            return List.of();
        }
        Jdbc.update(c, "UPDATE devices SET acked_cursor = ? WHERE id = ?", target, deviceId);
        return raiseDelivered(tx, userId, old.get(), target);
    }

    /** For each chat with a MessageAdded entry in (from, to], raises deliveredSeq and tells the other members. */
    private List<Watermark> raiseDelivered(WriteTx tx, long userId, long from, long to) throws SQLException {
        Connection c = tx.connection();
        List<long[]> highest = Jdbc.list(c, DELIVERED_IN_RANGE, row -> new long[] {row.getLong(1), row.getLong(2)},
                userId, from, to, UpdateEntries.MESSAGE_ADDED);
        boolean readShared = highest.isEmpty() || readReceipts(c, userId);
        List<Watermark> moved = new ArrayList<>();
        for (long[] chatSeq : highest) {
            Optional<Watermark> watermark = Jdbc.first(c, RAISE_DELIVERED,
                    row -> new Watermark(chatSeq[0], userId, row.getLong(1), row.getLong(2)),
                    chatSeq[1], chatSeq[0], userId, chatSeq[1]);
            if (watermark.isPresent()) {
                moved.add(watermark.get());
                announce(tx, watermark.get(), readShared, false);
            }
        }
        return moved;
    }

    private Optional<Watermark> markRead(WriteTx tx, long userId, long chatId, long seq, boolean readShared)
            throws SQLException {
        Connection c = tx.connection();
        Optional<Long> lastSeq = Jdbc.first(c, "SELECT last_seq FROM chats WHERE id = ?", row -> row.getLong(1),
                chatId);
        if (lastSeq.isEmpty()) {
            return Optional.empty();
        }
        long target = Math.min(seq, lastSeq.get());
        Optional<Watermark> moved = Jdbc.first(c, RAISE_READ, row -> watermark(chatId, userId, row),
                target, target, target, chatId, userId, Rows.ACTIVE, target);
        if (moved.isEmpty()) {
            return Jdbc.first(c, ACTIVE_WATERMARK, row -> watermark(chatId, userId, row), chatId, userId, Rows.ACTIVE);
        }
        announce(tx, moved.get(), readShared, true);
        return moved;
    }

    /** Appends one ReceiptMoved to the active members of the chat; the mover's own stream only if asked. */
    private void announce(WriteTx tx, Watermark watermark, boolean readShared, boolean toMover) throws SQLException {
        List<Long> recipients = Jdbc.list(tx.connection(),
                "SELECT user_id FROM memberships WHERE chat_id = ? AND leave_seq = ? ORDER BY user_id",
                row -> row.getLong(1), watermark.chatId(), Rows.ACTIVE);
        if (!toMover) {
            recipients = recipients.stream().filter(user -> user != watermark.userId()).toList();
        }
        ReceiptMoved event = new ReceiptMoved(watermark.chatId(), watermark.userId(), watermark.deliveredSeq(),
                watermark.readSeq(), readShared);
        UpdateEntries.append(tx, recipients, event, clock.instant());
    }

    private static boolean readReceipts(Connection c, long userId) throws SQLException {
        return Jdbc.first(c, "SELECT read_receipts FROM users WHERE id = ?", row -> row.getBoolean(1), userId)
                .orElse(true);
    }

    private static Watermark watermark(long chatId, long userId, ResultSet row) throws SQLException {
        return new Watermark(chatId, userId, row.getLong(1), row.getLong(2));
    }
}
