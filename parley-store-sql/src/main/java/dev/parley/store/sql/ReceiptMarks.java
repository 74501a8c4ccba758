package dev.parley.store.sql;

import dev.parley.core.model.ReceiptInfo;
import dev.parley.core.model.Watermark;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The times at which watermarks moved, for "message info" (who received / read a message, and when).
 * <pre>
 * receipt_marks                  one row per watermark move; never updated
 *   chat_id  BIGINT   } PRIMARY KEY (chat_id, user_id, kind, seq): also the index that finds, per member,
 *   user_id  BIGINT   }   the first mark with seq ≥ s (watermarks only grow, so the lowest such seq is the
 *   kind     TEXT     }   earliest in time); WITHOUT ROWID on SQLite, so that lookup reads only the index
 *   seq      BIGINT   }   the watermark after the move
 *   at       BIGINT   epoch millis of the move
 *   CHECK kind IN ('D', 'R')   D = deliveredSeq moved, R = readSeq moved
 * </pre>
 * Written by acknowledge and markRead (direct chats and groups); a join sets the watermarks without a mark.
 */
final class ReceiptMarks {
    static final String DELIVERED = "D";
    static final String READ = "R";

    private static final String INSERT = "INSERT INTO receipt_marks (chat_id, user_id, kind, seq, at)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String FIRST_AT = "(SELECT rm.at FROM receipt_marks rm WHERE rm.chat_id = ms.chat_id"
            + " AND rm.user_id = ms.user_id AND rm.kind = ? AND rm.seq >= m.seq ORDER BY rm.seq LIMIT 1)";
    private static final String INFO = "SELECT ms.user_id, ms.join_seq, " + FIRST_AT + ", " + FIRST_AT
            + " FROM messages m JOIN memberships ms ON ms.chat_id = m.chat_id"
            + " WHERE m.chat_id = ? AND m.seq = ? AND ms.leave_seq = ? AND ms.user_id <> m.sender_id"
            + " ORDER BY ms.user_id";

    private ReceiptMarks() {
    }

    /** A 'D' mark if deliveredSeq moved from {@code before} to {@code after}, an 'R' mark if readSeq moved. */
    static void record(Connection c, Watermark before, Watermark after, Instant at) throws SQLException {
        long millis = Rows.millis(at);
        List<Object[]> marks = new ArrayList<>(2);
        if (after.deliveredSeq() > before.deliveredSeq()) {
            marks.add(new Object[] {after.chatId(), after.userId(), DELIVERED, after.deliveredSeq(), millis});
        }
        if (after.readSeq() > before.readSeq()) {
            marks.add(new Object[] {after.chatId(), after.userId(), READ, after.readSeq(), millis});
        }
        Jdbc.batch(c, INSERT, marks);
    }

    /**
     * For each active member other than the sender of message {@code seq}: the time of their first 'D' / 'R'
     * mark at or above {@code seq}; both null when the message is outside their window (they joined after it).
     * Empty when the message does not exist.
     */
    static List<ReceiptInfo> info(Connection c, long chatId, long seq) throws SQLException {
        return Jdbc.list(c, INFO, row -> info(row, seq), DELIVERED, READ, chatId, seq, Rows.ACTIVE);
    }

    private static ReceiptInfo info(ResultSet row, long seq) throws SQLException {
        long userId = row.getLong(1);
        if (seq <= row.getLong(2)) {
            return new ReceiptInfo(userId, null, null);
        }
        return new ReceiptInfo(userId, instantOrNull(Jdbc.nullableLong(row, 3)),
                instantOrNull(Jdbc.nullableLong(row, 4)));
    }

    private static Instant instantOrNull(Long millis) {
        return millis == null ? null : Rows.instant(millis);
    }
}
