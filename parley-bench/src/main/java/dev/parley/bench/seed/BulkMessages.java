package dev.parley.bench.seed;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * Writes text messages of direct chats straight into the SQLite schema of parley-store-sql
 * ({@code src/main/resources/db/migration/sqlite}), far faster than the store's durable append: one JDBC
 * connection, {@code synchronous=OFF}, rows in key order, a commit every {@value #COMMIT_EVERY} rows. Per message
 * it writes exactly what {@code SqlMessageLog.append} writes: the {@code messages} row and one
 * {@code MESSAGE_ADDED} entry in the {@code updates} stream of each member (sender included), then it moves
 * {@code chats.last_seq}/{@code last_activity} and {@code users.update_head}. Device cursors are left alone, so the
 * messages are a backlog for devices created before. Run it only while no server has the file open.
 */
public final class BulkMessages implements AutoCloseable {
    private static final int COMMIT_EVERY = 50_000;
    private static final String MESSAGE = "INSERT INTO messages (chat_id, seq, id, sender_id, sender_device_id,"
            + " client_id, kind, body, reply_to, created_at) VALUES (?, ?, ?, ?, ?, ?, 'TEXT', ?, NULL, ?)";
    private static final String UPDATE = "INSERT INTO updates (user_id, cursor, kind, chat_id, seq, created_at)"
            + " VALUES (?, ?, 'MESSAGE_ADDED', ?, ?, ?)";

    private final Connection c;
    private final PreparedStatement message;
    private final PreparedStatement update;
    private long pending;
    private long idCounter;
    private final long baseMillis = System.currentTimeMillis() - 86_400_000L;

    public BulkMessages(Path dbFile) throws SQLException {
        this.c = DriverManager.getConnection("jdbc:sqlite:" + dbFile.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA synchronous=OFF");
            s.execute("PRAGMA cache_size=-262144");
            s.execute("PRAGMA temp_store=MEMORY");
        }
        c.setAutoCommit(false);
        this.message = c.prepareStatement(MESSAGE);
        this.update = c.prepareStatement(UPDATE);
    }

    /**
     * Appends {@code count} messages to the direct chat {@code chatId} of users {@code a} and {@code b}, all sent by
     * {@code sender} (one of them; {@code 0} alternates a, b, a …) from the given devices.
     */
    public void direct(long chatId, long a, long aDevice, long b, long bDevice, long sender, int count, String text)
            throws SQLException {
        long seq = scalar("SELECT last_seq FROM chats WHERE id = " + chatId);
        long headA = scalar("SELECT update_head FROM users WHERE id = " + a);
        long headB = scalar("SELECT update_head FROM users WHERE id = " + b);
        long millis = baseMillis;
        for (int i = 0; i < count; i++) {
            seq++;
            long from = sender != 0 ? sender : (i % 2 == 0 ? a : b);
            long device = from == a ? aDevice : bDevice;
            millis = baseMillis + idCounter / 16;
            message.setLong(1, chatId);
            message.setLong(2, seq);
            message.setString(3, nextId(millis));
            message.setLong(4, from);
            message.setLong(5, device);
            message.setString(6, "bulk-" + chatId + "-" + seq);
            message.setString(7, text);
            message.setLong(8, millis);
            message.addBatch();
            addUpdate(a, ++headA, chatId, seq, millis);
            addUpdate(b, ++headB, chatId, seq, millis);
            pending += 3;
            if (pending >= COMMIT_EVERY) {
                flush();
            }
        }
        flush();
        exec("UPDATE chats SET last_seq = " + seq + ", last_activity = " + millis + " WHERE id = " + chatId);
        exec("UPDATE users SET update_head = " + headA + " WHERE id = " + a);
        exec("UPDATE users SET update_head = " + headB + " WHERE id = " + b);
    }

    /** Commits, folds the WAL into the database file and reports the messages written so far. */
    public void flushAndCheckpoint(LongConsumer progress) throws SQLException {
        flush();
        c.commit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        c.setAutoCommit(false);
        progress.accept(idCounter);
    }

    /** Messages written so far by this instance. */
    public long written() {
        return idCounter;
    }

    private void addUpdate(long user, long cursor, long chatId, long seq, long millis) throws SQLException {
        update.setLong(1, user);
        update.setLong(2, cursor);
        update.setLong(3, chatId);
        update.setLong(4, seq);
        update.setLong(5, millis);
        update.addBatch();
    }

    /** A UUIDv7-shaped id, strictly increasing (the UNIQUE index on messages.id grows at its end). */
    private String nextId(long millis) {
        long n = idCounter++;
        long msb = (millis << 16) | 0x7000L | (n & 0x0FFFL);
        long lsb = 0x8000000000000000L | (n & 0x3FFFFFFFFFFFFFFFL);
        return new UUID(msb, lsb).toString();
    }

    private void flush() throws SQLException {
        message.executeBatch();
        update.executeBatch();
        c.commit();
        pending = 0;
    }

    private long scalar(String sql) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row for " + sql);
            }
            return rs.getLong(1);
        }
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        flush();
        message.close();
        update.close();
        c.close();
    }
}
