package dev.parley.store.sql;

import dev.parley.core.model.ChatKind;
import dev.parley.core.model.Event;
import dev.parley.core.model.Event.ChatCreated;
import dev.parley.core.model.Event.Expired;
import dev.parley.core.model.Event.GroupReceipt;
import dev.parley.core.model.Event.JoinRequested;
import dev.parley.core.model.Event.MessageAdded;
import dev.parley.core.model.Event.ReceiptMoved;
import dev.parley.core.model.Update;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Appends to and reads the {@code updates} table (its schema is described in {@link SqlUpdateStream}). */
final class UpdateEntries {
    static final String MESSAGE_ADDED = "MESSAGE_ADDED";
    static final String RECEIPT_MOVED = "RECEIPT_MOVED";
    static final String CHAT_CREATED = "CHAT_CREATED";
    static final String GROUP_RECEIPT = "GROUP_RECEIPT";
    static final String JOIN_REQUESTED = "JOIN_REQUESTED";
    static final String EXPIRED = "EXPIRED";
    /** Users whose heads one {@code UPDATE users … WHERE id IN (…)} advances: bounded bind-variable count. */
    static final int HEADS_PER_STATEMENT = 500;

    private static final String INSERT = "INSERT INTO updates (user_id, cursor, kind, chat_id, seq, to_seq,"
            + " member_id, delivered_seq, read_seq, read_shared, payload, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    // SQLite, one event to many users: ONE statement whose rows come from a JSON array of [user, cursor] pairs
    // (the other ten columns are the same for every row). A JDBC batch binds and steps every row through JNI:
    // for a 100-member group send that batch was 15 % of the server's CPU in B2
    private static final String INSERT_PER_USER = "INSERT INTO updates (user_id, cursor, kind, chat_id, seq, to_seq,"
            + " member_id, delivered_seq, read_seq, read_shared, payload, created_at)"
            + " SELECT j.value ->> 0, j.value ->> 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM json_each(?) j";
    // only MESSAGE_ADDED joins its message (EXPIRED keeps a seq too); an entry of a purged message is skipped
    // (none should remain: the purge deletes them first, see SqlRetentionStore)
    private static final String READ = "SELECT u.user_id, u.cursor, u.kind, u.chat_id, u.member_id,"
            + " u.delivered_seq, u.read_seq, u.read_shared, u.payload, c.kind, u.seq, u.to_seq, "
            + Rows.messageColumns("m") + " FROM updates u LEFT JOIN chats c ON c.id = u.chat_id"
            + " LEFT JOIN messages m ON u.kind = '" + MESSAGE_ADDED + "' AND m.chat_id = u.chat_id AND m.seq = u.seq"
            + Rows.messageJoins("m") + " WHERE u.user_id = ? AND u.cursor > ? AND m.purged_at IS NULL"
            + " ORDER BY u.cursor LIMIT ?";
    private static final int FIRST_MESSAGE_COLUMN = 13;

    private UpdateEntries() {
    }

    /**
     * Appends {@code event} to the stream of every user in {@code userIds}: each user's {@code update_head} is
     * advanced by one (a row lock on PostgreSQL, taken in ascending user id order) with one
     * {@code UPDATE … WHERE id IN (…) RETURNING} per {@value #HEADS_PER_STATEMENT} users, and the entries are
     * stored with ONE statement (SQLite, several users: {@code INSERT … SELECT} over a JSON array of (user, cursor)
     * pairs) or ONE JDBC batch (PostgreSQL, which rewrites it into multi-row inserts). The entries are recorded in
     * {@code tx} for the listener.
     */
    static List<Update> append(WriteTx tx, Collection<Long> userIds, Event event, Instant at) throws SQLException {
        if (userIds.isEmpty()) {
            return List.of();
        }
        List<Long> users = userIds.stream().distinct().sorted().toList();
        Map<Long, Long> cursors = advanceHeads(tx.connection(), users);
        List<Update> updates = users.stream().map(user -> new Update(user, cursors.get(user), event)).toList();
        long createdAt = Rows.millis(at);
        tx.entryAges().appended(createdAt);
        if (tx.dialect() == SqlDialect.SQLITE && updates.size() > 1) {
            insertPerUser(tx.connection(), updates, createdAt);
        } else {
            insert(tx.connection(), updates, createdAt);
        }
        tx.appended(updates);
        return updates;
    }

    /** Entries of {@code userId} after {@code afterCursor}, ascending, at most {@code limit}. */
    static List<Update> read(Connection connection, long userId, long afterCursor, int limit) throws SQLException {
        return Jdbc.list(connection, READ, UpdateEntries::update, userId, afterCursor, limit);
    }

    private static Map<Long, Long> advanceHeads(Connection connection, List<Long> users) throws SQLException {
        Map<Long, Long> cursors = new HashMap<>();
        for (List<Long> chunk : Jdbc.chunks(users, HEADS_PER_STATEMENT)) {
            Object[] ids = Jdbc.paddedInList(chunk);
            String sql = "UPDATE users SET update_head = update_head + 1 WHERE id IN ("
                    + Jdbc.placeholders(ids.length) + ") RETURNING id, update_head";
            for (long[] row : Jdbc.list(connection, sql, r -> new long[] {r.getLong(1), r.getLong(2)}, ids)) {
                cursors.put(row[0], row[1]);
            }
        }
        if (cursors.size() != users.size()) {
            List<Long> missing = users.stream().filter(user -> !cursors.containsKey(user)).toList();
            throw new IllegalArgumentException("cannot append an update for unknown user ids " + missing);
        }
        return cursors;
    }

    private static void insert(Connection connection, List<Update> updates, long createdAt) throws SQLException {
        Jdbc.batch(connection, INSERT, updates.stream().map(update -> columns(update, createdAt)).toList());
    }

    /** The entries of one event: the shared columns once, the (user, cursor) pairs as one JSON array. */
    private static void insertPerUser(Connection connection, List<Update> updates, long createdAt)
            throws SQLException {
        Object[] shared = columns(updates.getFirst(), createdAt);
        StringBuilder pairs = new StringBuilder(updates.size() * 16).append('[');
        for (Update update : updates) {
            if (pairs.length() > 1) {
                pairs.append(',');
            }
            pairs.append('[').append(update.userId()).append(',').append(update.cursor()).append(']');
        }
        Object[] params = new Object[11];
        System.arraycopy(shared, 2, params, 0, 10);
        params[10] = pairs.append(']').toString();
        int rows = Jdbc.update(connection, INSERT_PER_USER, params);
        if (rows != updates.size()) {
            throw new IllegalStateException("inserted " + rows + " update entries, expected " + updates.size());
        }
    }

    private static Object[] columns(Update update, long createdAt) {
        Object user = update.userId();
        Object cursor = update.cursor();
        return switch (update.event()) {
            case MessageAdded added -> new Object[] {user, cursor, MESSAGE_ADDED, added.message().chatId(),
                    added.message().seq(), null, null, null, null, null, null, createdAt};
            case ReceiptMoved moved -> new Object[] {user, cursor, RECEIPT_MOVED, moved.chatId(), null, null,
                    moved.memberId(), moved.deliveredSeq(), moved.readSeq(), moved.readShared(), null, createdAt};
            case ChatCreated created -> new Object[] {user, cursor, CHAT_CREATED, created.chatId(), null, null,
                    null, null, null, null, joinIds(created.memberIds()), createdAt};
            case GroupReceipt receipt -> new Object[] {user, cursor, GROUP_RECEIPT, receipt.chatId(), null, null,
                    null, receipt.deliveredSeq(), receipt.readSeq(), null, null, createdAt};
            case JoinRequested requested -> new Object[] {user, cursor, JOIN_REQUESTED, requested.chatId(), null,
                    null, requested.userId(), null, null, null, null, createdAt};
            case Expired expired -> new Object[] {user, cursor, EXPIRED, expired.chatId(), expired.fromSeq(),
                    expired.toSeq(), null, null, null, null, expired.reason().name(), createdAt};
        };
    }

    private static Update update(ResultSet row) throws SQLException {
        long userId = row.getLong(1);
        long cursor = row.getLong(2);
        String kind = row.getString(3);
        long chatId = row.getLong(4);
        Event event = switch (kind) {
            case MESSAGE_ADDED -> messageAdded(row, userId, cursor);
            case RECEIPT_MOVED -> new ReceiptMoved(chatId, row.getLong(5), row.getLong(6), row.getLong(7),
                    row.getBoolean(8));
            case CHAT_CREATED -> new ChatCreated(chatId, ChatKind.valueOf(row.getString(10)),
                    splitIds(row.getString(9)));
            case GROUP_RECEIPT -> new GroupReceipt(chatId, row.getLong(6), row.getLong(7));
            case JOIN_REQUESTED -> new JoinRequested(chatId, row.getLong(5));
            case EXPIRED -> new Expired(chatId, row.getLong(11), row.getLong(12),
                    Expired.Reason.valueOf(row.getString(9)));
            default -> throw new IllegalStateException("update " + cursor + " of user " + userId
                    + " has kind '" + kind + "'; expected one of " + List.of(MESSAGE_ADDED, RECEIPT_MOVED,
                    CHAT_CREATED, GROUP_RECEIPT, JOIN_REQUESTED, EXPIRED));
        };
        return new Update(userId, cursor, event);
    }

    private static MessageAdded messageAdded(ResultSet row, long userId, long cursor) throws SQLException {
        if (Jdbc.nullableLong(row, FIRST_MESSAGE_COLUMN) == null) {
            throw new IllegalStateException("update " + cursor + " of user " + userId
                    + " refers to a message of chat " + row.getLong(4) + " that is not stored");
        }
        return new MessageAdded(Rows.message(row, FIRST_MESSAGE_COLUMN));
    }

    private static String joinIds(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static List<Long> splitIds(String payload) {
        if (payload == null || payload.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(payload.split(",")).map(Long::valueOf).toList();
    }
}
