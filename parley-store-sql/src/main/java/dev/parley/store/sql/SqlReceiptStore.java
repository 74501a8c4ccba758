package dev.parley.store.sql;

import dev.parley.core.model.ChatKind;
import dev.parley.core.model.Event.ReceiptMoved;
import dev.parley.core.model.ReceiptInfo;
import dev.parley.core.model.Watermark;
import dev.parley.core.port.ReceiptStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link ReceiptStore} on SQL. The watermarks are {@code memberships.delivered_seq / read_seq} (see
 * {@link SqlChatStore}), device progress is {@code devices.acked_cursor} (see {@link SqlAccountStore}), the
 * times of the moves are {@code receipt_marks} (see {@link ReceiptMarks}) and the moves are announced as
 * update-stream entries (see {@link SqlUpdateStream}):
 * <ul>
 *   <li>direct chat: a {@code RECEIPT_MOVED} entry to the other member (acknowledge) or to both (markRead);
 *   <li>group: no per-member entry to the others; markRead puts a {@code RECEIPT_MOVED} in the reader's own
 *       stream (for their other devices), and the senders whose messages the move newly covers get a
 *       {@code GROUP_RECEIPT} (see {@link GroupReceipts}).
 * </ul>
 * Both operations are one task of the group-commit writer. The mover's membership row is read
 * {@code FOR UPDATE} on PostgreSQL (after the group's row, see {@link GroupReceipts#lock}) and only-forward
 * moves are guarded in SQL, so concurrent acks from several nodes stay monotonic. The {@code Clock} stamps the
 * appended entries and the marks.
 */
public final class SqlReceiptStore implements ReceiptStore {
    // the user's row is read, not locked: only the device's row is (FOR UPDATE OF d), as before the join
    private static final String DEVICE_CURSOR = "SELECT d.acked_cursor, u.update_head, u.read_receipts"
            + " FROM devices d JOIN users u ON u.id = d.user_id"
            + " WHERE d.id = ? AND d.user_id = ? AND d.revoked_at IS NULL";
    // the rows, not a GROUP BY: an ack's range holds a handful of entries, and SQLite would build a temporary
    // B-tree per ack to group them (that query was ≈ 10 % of the server's CPU in B1); grouped in chatSeqs
    private static final String MESSAGES_IN_RANGE = "SELECT u.chat_id, u.seq, c.kind, m.sender_id FROM updates u"
            + " JOIN chats c ON c.id = u.chat_id JOIN messages m ON m.chat_id = u.chat_id AND m.seq = u.seq"
            + " WHERE u.user_id = ? AND u.cursor > ? AND u.cursor <= ? AND u.kind = ?";
    private static final String WATERMARK = "SELECT delivered_seq, read_seq, leave_seq FROM memberships"
            + " WHERE chat_id = ? AND user_id = ?";
    // a direct chat has two members, so MIN is the other one when active (NULL otherwise); not locked
    private static final String DIRECT_WATERMARK = "SELECT ms.delivered_seq, ms.read_seq, ms.leave_seq,"
            + " (SELECT MIN(o.user_id) FROM memberships o WHERE o.chat_id = ms.chat_id AND o.user_id <> ms.user_id"
            + " AND o.leave_seq = ?) FROM memberships ms WHERE ms.chat_id = ? AND ms.user_id = ?";
    private static final String RAISE_DELIVERED = "UPDATE memberships SET delivered_seq = ?"
            + " WHERE chat_id = ? AND user_id = ? AND delivered_seq < ?";
    private static final String RAISE_READ = "UPDATE memberships SET read_seq = ?,"
            + " delivered_seq = CASE WHEN delivered_seq < ? THEN ? ELSE delivered_seq END"
            + " WHERE chat_id = ? AND user_id = ? AND leave_seq = ? AND read_seq < ?";

    /** The highest seq of a chat in an acknowledged range of the stream. */
    private record ChatSeq(long chatId, long seq, ChatKind kind) {
    }

    /** One message entry of an acknowledged range. */
    private record Entry(long chatId, long seq, ChatKind kind, long senderId) {
    }

    /** A chat's newest seq and kind. */
    private record ChatHead(long lastSeq, ChatKind kind) {
    }

    /** The acknowledging device's cursor with what the ack needs of its user. */
    private record Device(long ackedCursor, long updateHead, boolean readReceipts) {
    }

    /** A member of a direct chat as read under its row lock, with the other active member (null if none). */
    private record DirectMember(Current current, Long other) {
    }

    /** A member's watermarks as read under its row lock. */
    private record Current(Watermark watermark, long leaveSeq) {
        boolean active() {
            return leaveSeq == Rows.ACTIVE;
        }
    }

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

    @Override
    public List<ReceiptInfo> messageInfo(long chatId, long seq) {
        return database.read(c -> ReceiptMarks.info(c, chatId, seq));
    }

    /**
     * Statements: the device (locked) with its user's head and read-receipt setting; the device's new cursor;
     * the chats with messages in the acknowledged range; then per chat the moves (see {@link #deliveredInDirect},
     * {@link #deliveredInGroup}).
     */
    private List<Watermark> acknowledge(WriteTx tx, long userId, long deviceId, long cursor) throws SQLException {
        Connection c = tx.connection();
        Optional<Device> device = Jdbc.first(c, DEVICE_CURSOR + database.dialect().forUpdateOf("d"),
                row -> new Device(row.getLong(1), row.getLong(2), row.getBoolean(3)), deviceId, userId);
        if (device.isEmpty()) {
            return List.of();
        }
        long old = device.get().ackedCursor();
        long target = Math.max(old, Math.min(cursor, device.get().updateHead()));
        if (target == old) {
            return List.of();
        }
        Jdbc.update(c, "UPDATE devices SET acked_cursor = ? WHERE id = ?", target, deviceId);
        return raiseDelivered(tx, userId, device.get().readReceipts(), old, target);
    }

    /**
     * For each chat with a MessageAdded entry of someone else's message in (from, to], raises deliveredSeq
     * (≤ leaveSeq) to the highest seq in the range and tells others. A range holding only the user's own messages
     * (the echo of what they sent) moves nothing: every other member's message below it was in an earlier range,
     * so the watermark already covers it, and no one's ✓✓ or group receipt can change — skipping it saves the
     * writer the watermark, the mark and the peer's entry on about every other ack of a busy sender.
     */
    private List<Watermark> raiseDelivered(WriteTx tx, long userId, boolean readReceipts, long from, long to)
            throws SQLException {
        List<Entry> entries = Jdbc.list(tx.connection(), MESSAGES_IN_RANGE,
                row -> new Entry(row.getLong(1), row.getLong(2), ChatKind.valueOf(row.getString(3)), row.getLong(4)),
                userId, from, to, UpdateEntries.MESSAGE_ADDED);
        Collection<ChatSeq> highest = chatSeqs(entries, userId);
        Instant now = clock.instant();
        List<Watermark> moved = new ArrayList<>();
        for (ChatSeq chat : highest) {
            Optional<Watermark> watermark = chat.kind() == ChatKind.GROUP ? deliveredInGroup(tx, chat, userId, now)
                    : deliveredInDirect(tx, chat, userId, readReceipts, now);
            watermark.ifPresent(moved::add);
        }
        return moved;
    }

    /**
     * Per chat in ascending id order (the order rows are locked in on PostgreSQL), the highest seq of the range;
     * a chat whose entries are all the user's own messages is left out.
     */
    private static Collection<ChatSeq> chatSeqs(List<Entry> entries, long userId) {
        Map<Long, ChatSeq> highest = new TreeMap<>();
        Set<Long> othersIn = new HashSet<>();
        for (Entry e : entries) {
            highest.merge(e.chatId(), new ChatSeq(e.chatId(), e.seq(), e.kind()),
                    (a, b) -> a.seq() >= b.seq() ? a : b);
            if (e.senderId() != userId) {
                othersIn.add(e.chatId());
            }
        }
        highest.keySet().retainAll(othersIn);
        return highest.values();
    }

    /** Raises deliveredSeq to min(seq, leaveSeq) with its 'D' mark; empty when it did not move. */
    private static Optional<Watermark> raiseDeliveredTo(Connection c, Current current, long seq, Instant now)
            throws SQLException {
        Watermark before = current.watermark();
        long target = Math.min(seq, current.leaveSeq());
        if (target <= before.deliveredSeq()) {
            return Optional.empty();
        }
        Watermark after = new Watermark(before.chatId(), before.userId(), target, before.readSeq());
        Jdbc.update(c, RAISE_DELIVERED, target, before.chatId(), before.userId(), target);
        ReceiptMarks.record(c, before, after, now);
        return Optional.of(after);
    }

    /** In a direct chat the other member learns the move (with the mover's read-receipt setting). */
    private Optional<Watermark> deliveredInDirect(WriteTx tx, ChatSeq chat, long userId, boolean readReceipts,
                                                  Instant now) throws SQLException {
        Connection c = tx.connection();
        Optional<DirectMember> member = Jdbc.first(c, DIRECT_WATERMARK + database.dialect().forUpdateOf("ms"),
                row -> new DirectMember(current(chat.chatId(), userId, row), Jdbc.nullableLong(row, 4)),
                Rows.ACTIVE, chat.chatId(), userId);
        if (member.isEmpty()) {
            return Optional.empty();
        }
        Optional<Watermark> moved = raiseDeliveredTo(c, member.get().current(), chat.seq(), now);
        if (moved.isPresent()) {
            Long other = member.get().other();
            announce(tx, moved.get(), readReceipts, other == null ? List.of() : List.of(other), now);
        }
        return moved;
    }

    /** The group's row lock first (PostgreSQL), then the member's; GroupReceipts only for an active member. */
    private Optional<Watermark> deliveredInGroup(WriteTx tx, ChatSeq chat, long userId, Instant now)
            throws SQLException {
        Connection c = tx.connection();
        GroupReceipts.lock(c, database.dialect(), chat.chatId());
        Optional<Current> current = current(c, chat.chatId(), userId);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        if (!current.get().active()) {
            return raiseDeliveredTo(c, current.get(), chat.seq(), now);
        }
        GroupReceipts.Snapshot groupBefore = GroupReceipts.snapshot(c, chat.chatId());
        Optional<Watermark> after = raiseDeliveredTo(c, current.get(), chat.seq(), now);
        if (after.isPresent()) {
            GroupReceipts.announce(tx, groupBefore, current.get().watermark(), after.get(), now);
        }
        return after;
    }

    private Optional<Watermark> markRead(WriteTx tx, long userId, long chatId, long seq, boolean readShared)
            throws SQLException {
        Connection c = tx.connection();
        Optional<ChatHead> chat = Jdbc.first(c, "SELECT last_seq, kind FROM chats WHERE id = ?",
                row -> new ChatHead(row.getLong(1), ChatKind.valueOf(row.getString(2))), chatId);
        if (chat.isEmpty()) {
            return Optional.empty();
        }
        boolean group = chat.get().kind() == ChatKind.GROUP;
        if (group) {
            GroupReceipts.lock(c, database.dialect(), chatId);
        }
        Optional<Current> current = current(c, chatId, userId).filter(Current::active);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        Watermark before = current.get().watermark();
        long target = Math.min(seq, chat.get().lastSeq());
        if (target <= before.readSeq()) {
            return Optional.of(before);
        }
        GroupReceipts.Snapshot groupBefore = group ? GroupReceipts.snapshot(c, chatId) : null;
        Jdbc.update(c, RAISE_READ, target, target, target, chatId, userId, Rows.ACTIVE, target);
        Watermark after = new Watermark(chatId, userId, Math.max(before.deliveredSeq(), target), target);
        Instant now = clock.instant();
        ReceiptMarks.record(c, before, after, now);
        announce(tx, after, readShared, group ? List.of(userId) : ChatLog.activeUserIds(c, chatId), now);
        if (group) {
            GroupReceipts.announce(tx, groupBefore, before, after, now);
        }
        return Optional.of(after);
    }

    /** Appends one ReceiptMoved to {@code recipients}. */
    private static void announce(WriteTx tx, Watermark watermark, boolean readShared, List<Long> recipients,
                                 Instant now) throws SQLException {
        ReceiptMoved event = new ReceiptMoved(watermark.chatId(), watermark.userId(), watermark.deliveredSeq(),
                watermark.readSeq(), readShared);
        UpdateEntries.append(tx, recipients, event, now);
    }

    private Optional<Current> current(Connection c, long chatId, long userId) throws SQLException {
        return Jdbc.first(c, WATERMARK + database.dialect().forUpdate(),
                row -> current(chatId, userId, row), chatId, userId);
    }

    private static Current current(long chatId, long userId, ResultSet row) throws SQLException {
        return new Current(new Watermark(chatId, userId, row.getLong(1), row.getLong(2)), row.getLong(3));
    }
}
