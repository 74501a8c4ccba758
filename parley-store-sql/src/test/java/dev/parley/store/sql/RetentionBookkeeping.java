package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.model.Retention;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The counters behind {@link SqlRetentionStore}, checked in SQL after every purge of the retention contracts:
 * {@code messages.undelivered} equals the MESSAGE_ADDED entries that point at the message, no such entry points at
 * a purged message (reads would hide it, so only SQL sees it), and in UNTIL_DELIVERED mode no message without
 * entries keeps its content.
 */
final class RetentionBookkeeping {
    private static final String MISCOUNTED = "SELECT m.chat_id, m.seq, m.undelivered,"
            + " (SELECT COUNT(*) FROM updates u WHERE u.kind = 'MESSAGE_ADDED' AND u.chat_id = m.chat_id"
            + " AND u.seq = m.seq) AS entries FROM messages m";
    private static final String POINTING_AT_PURGED = "SELECT u.user_id, u.cursor FROM updates u JOIN messages m"
            + " ON m.chat_id = u.chat_id AND m.seq = u.seq WHERE u.kind = 'MESSAGE_ADDED' AND m.purged_at IS NOT NULL";
    private static final String DELIVERED_BUT_WHOLE = "SELECT chat_id, seq FROM messages"
            + " WHERE undelivered = 0 AND purged_at IS NULL";

    private RetentionBookkeeping() {
    }

    static void check(SqlStores sql, Retention policy) {
        List<String> miscounted = sql.database().read(c -> Jdbc.list(c, MISCOUNTED, RetentionBookkeeping::mismatch))
                .stream().filter(line -> line != null).toList();
        assertThat(miscounted).as("messages.undelivered = MESSAGE_ADDED entries pointing at the message").isEmpty();
        List<String> stale = sql.database().read(c -> Jdbc.list(c, POINTING_AT_PURGED,
                row -> "user " + row.getLong(1) + " cursor " + row.getLong(2)));
        assertThat(stale).as("entries never point at purged content").isEmpty();
        if (policy.mode() == Retention.Mode.UNTIL_DELIVERED) {
            List<String> whole = sql.database().read(c -> Jdbc.list(c, DELIVERED_BUT_WHOLE,
                    row -> "chat " + row.getLong(1) + " seq " + row.getLong(2)));
            assertThat(whole).as("delivered everywhere, yet not purged").isEmpty();
        }
    }

    /** "chat … seq …: undelivered …, entries …" for a miscounted message; null when the counter is right. */
    private static String mismatch(ResultSet row) throws SQLException {
        if (row.getLong(3) == row.getLong(4)) {
            return null;
        }
        return "chat " + row.getLong(1) + " seq " + row.getLong(2) + ": undelivered " + row.getLong(3) + ", entries "
                + row.getLong(4);
    }
}
