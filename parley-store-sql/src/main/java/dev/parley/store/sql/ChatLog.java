package dev.parley.store.sql;

import dev.parley.core.model.ChatKind;
import dev.parley.core.model.Member;
import dev.parley.core.model.Message;
import dev.parley.core.model.Role;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The writes every entry of a chat's log shares (a message from {@link SqlMessageLog}, a system entry from
 * {@link GroupWrites} or {@link TimerWrites}): the sequencing step on {@code chats} (which also reads the chat's
 * timer), the active members under it and the row in {@code messages}. Runs on the writer's connection only.
 */
final class ChatLog {
    private static final String NEXT_SEQ = "UPDATE chats SET last_seq = last_seq + 1,"
            + " last_activity = CASE WHEN last_activity < ? THEN ? ELSE last_activity END"
            + " WHERE id = ? RETURNING last_seq, kind, timer_seconds";
    private static final String ACTIVE = " FROM memberships WHERE chat_id = ? AND leave_seq = ? ORDER BY user_id";
    private static final String INSERT = "INSERT INTO messages (chat_id, seq, id, sender_id, sender_device_id,"
            + " client_id, kind, body, reply_to, created_at, system, media_id, expires_at, undelivered)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** A client's message: any taken unique key (its client id, or its id when the very same draft is resent). */
    private static final String INSERT_CLIENT_MESSAGE = INSERT + " ON CONFLICT DO NOTHING";
    /** A system entry (no client id): a taken id fails loudly. */
    private static final String INSERT_SYSTEM_ENTRY = INSERT + " ON CONFLICT (sender_id, client_id) DO NOTHING";

    /**
     * The seq just assigned to a new entry, the kind of its chat and the chat's timer at that moment (read in the
     * same statement, so under the chat's lock: a concurrent setTimer is either before or after the entry).
     */
    record Sequenced(long seq, ChatKind kind, long timerSeconds) {

        /** When a message sent at {@code createdAt} in this state disappears; null when the timer is off. */
        Long expiresAt(Instant createdAt) {
            if (timerSeconds <= 0) {
                return null;
            }
            long millis = Rows.millis(createdAt);
            long timerMillis = timerSeconds > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : timerSeconds * 1000;
            return millis > Long.MAX_VALUE - timerMillis ? Long.MAX_VALUE : millis + timerMillis;
        }
    }

    private ChatLog() {
    }

    /**
     * The sequencing step: {@code chats.last_seq + 1} (a row lock on PostgreSQL, held until commit), with
     * {@code last_activity} raised to {@code at}. Empty when the chat does not exist.
     */
    static Optional<Sequenced> advance(Connection c, long chatId, Instant at) throws SQLException {
        long millis = Rows.millis(at);
        return Jdbc.first(c, NEXT_SEQ, row -> new Sequenced(row.getLong(1), ChatKind.valueOf(row.getString(2)),
                row.getLong(3)), millis, millis, chatId);
    }

    /** The active members of the chat with their roles, by ascending user id. */
    static Map<Long, Role> activeRoles(Connection c, long chatId) throws SQLException {
        Map<Long, Role> roles = new TreeMap<>();
        for (Member member : activeMembers(c, chatId)) {
            roles.put(member.userId(), member.role());
        }
        return roles;
    }

    /** The active memberships of the chat, by ascending user id. */
    static List<Member> activeMembers(Connection c, long chatId) throws SQLException {
        return Jdbc.list(c, "SELECT " + Rows.MEMBER_COLUMNS + ACTIVE, Rows::member, chatId, Rows.ACTIVE);
    }

    /** The user ids of the active members, ascending. */
    static List<Long> activeUserIds(Connection c, long chatId) throws SQLException {
        return Jdbc.list(c, "SELECT user_id" + ACTIVE, row -> row.getLong(1), chatId, Rows.ACTIVE);
    }

    /**
     * Inserts the entry (with {@code media_id} when it carries media: the caller has already counted the
     * reference, see {@link SqlMessageLog}) with its expiry (null: never) and the number of {@code MessageAdded}
     * entries the caller appends for it in the same transaction ({@code messages.undelivered}, see
     * {@link SqlRetentionStore}); false, storing nothing, when a message with the same (sender, clientId) or,
     * for a client's message, the same id is stored already (a resend, or a concurrent writer was first).
     */
    static boolean insert(Connection c, Message m, Long expiresAt, int entries) throws SQLException {
        String system = m.system() == null ? null : SystemEventCodec.encode(m.system());
        String mediaId = m.media() == null ? null : m.media().mediaId();
        String sql = m.clientId() == null ? INSERT_SYSTEM_ENTRY : INSERT_CLIENT_MESSAGE;
        return Jdbc.update(c, sql, m.chatId(), m.seq(), m.id(), m.senderId(), m.senderDeviceId(), m.clientId(),
                m.kind().name(), m.text(), m.replyTo(), Rows.millis(m.createdAt()), system, mediaId, expiresAt,
                entries) == 1;
    }

}
