package dev.parley.store.sql;

import dev.parley.core.model.Chat;
import dev.parley.core.model.ChatKind;
import dev.parley.core.model.Contact;
import dev.parley.core.model.Device;
import dev.parley.core.model.Group;
import dev.parley.core.model.GroupInfo;
import dev.parley.core.model.GroupSettings;
import dev.parley.core.model.Invite;
import dev.parley.core.model.JoinRequest;
import dev.parley.core.model.Member;
import dev.parley.core.model.Message;
import dev.parley.core.model.MessageKind;
import dev.parley.core.model.Role;
import dev.parley.core.model.Settings;
import dev.parley.core.model.Settings.Visibility;
import dev.parley.core.model.User;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Column lists and the row mappers that read them, by position. Each {@code *_COLUMNS} constant (or
 * {@code *Columns(alias)}) goes with the mapper of the same name.
 */
final class Rows {
    /** {@code leave_seq} of an active membership. */
    static final long ACTIVE = Long.MAX_VALUE;

    static final String USER_COLUMNS = "id, username, phone, display_name, read_receipts, last_seen_visibility,"
            + " online_visibility, created_at";
    static final String DEVICE_COLUMNS = "id, user_id, name, created_at, acked_cursor";
    static final String MEMBER_COLUMNS = "chat_id, user_id, role, join_seq, leave_seq, delivered_seq, read_seq";
    static final String INVITE_COLUMNS = "code, chat_id, created_by, approval_required, created_at, revoked_at";
    static final String JOIN_REQUEST_COLUMNS = "chat_id, user_id, invite_code, requested_at";
    static final String CONTACT_COLUMNS = "owner_id, user_id, name, added_at";

    private Rows() {
    }

    static String chatColumns(String alias) {
        return prefixed(alias, "id", "kind", "last_seq", "created_at", "timer_seconds");
    }

    /**
     * The message row {@code alias}, then its media reference ({@link MediaRows#refColumns}): the query must add
     * {@link #messageJoins(String)} for the same alias right after the {@code messages} table.
     */
    static String messageColumns(String alias) {
        return prefixed(alias, "chat_id", "seq", "id", "sender_id", "sender_device_id", "client_id", "kind",
                "body", "reply_to", "created_at", "system")
                + ", " + MediaRows.refColumns(alias + "_md", alias + "_mc");
    }

    /** The joins {@link #messageColumns} reads from: the media item and content of the message, if any. */
    static String messageJoins(String alias) {
        return MediaRows.refJoins(alias);
    }

    static String groupColumns(String alias) {
        return prefixed(alias, "chat_id", "name", "description", "avatar", "only_admins_send", "only_admins_edit",
                "created_by", "max_members");
    }

    static User user(ResultSet row) throws SQLException {
        return new User(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                new Settings(row.getBoolean(5), visibility(row.getString(6)), visibility(row.getString(7))),
                instant(row.getLong(8)));
    }

    /** A stored {@link Visibility} (its enum name; the schema's CHECK admits only those). */
    static Visibility visibility(String stored) {
        try {
            return Visibility.valueOf(stored);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException("unknown visibility '" + stored + "' in the users table", e);
        }
    }

    static Contact contact(ResultSet row) throws SQLException {
        return new Contact(row.getLong(1), row.getLong(2), row.getString(3), instant(row.getLong(4)));
    }

    static Device device(ResultSet row) throws SQLException {
        return new Device(row.getLong(1), row.getLong(2), row.getString(3), instant(row.getLong(4)),
                row.getLong(5));
    }

    static Chat chat(ResultSet row) throws SQLException {
        return new Chat(row.getLong(1), ChatKind.valueOf(row.getString(2)), row.getLong(3),
                instant(row.getLong(4)), row.getLong(5));
    }

    static Member member(ResultSet row) throws SQLException {
        return new Member(row.getLong(1), row.getLong(2), Role.valueOf(row.getString(3)), row.getLong(4),
                row.getLong(5), row.getLong(6), row.getLong(7));
    }

    static Message message(ResultSet row) throws SQLException {
        return message(row, 1);
    }

    /** The message whose {@link #messageColumns} start at column {@code first}. */
    static Message message(ResultSet row, int first) throws SQLException {
        return new Message(row.getLong(first), row.getLong(first + 1), row.getString(first + 2),
                row.getLong(first + 3), row.getLong(first + 4), row.getString(first + 5),
                MessageKind.valueOf(row.getString(first + 6)), row.getString(first + 7),
                Jdbc.nullableLong(row, first + 8), instant(row.getLong(first + 9)),
                SystemEventCodec.decode(row.getString(first + 10)), MediaRows.ref(row, first + 11));
    }

    static Group group(ResultSet row) throws SQLException {
        return group(row, 1);
    }

    /** The group whose {@link #groupColumns} start at column {@code first}. */
    static Group group(ResultSet row, int first) throws SQLException {
        return new Group(row.getLong(first),
                new GroupInfo(row.getString(first + 1), row.getString(first + 2), row.getString(first + 3)),
                new GroupSettings(row.getBoolean(first + 4), row.getBoolean(first + 5)), row.getLong(first + 6),
                row.getInt(first + 7));
    }

    static Invite invite(ResultSet row) throws SQLException {
        Long revokedAt = Jdbc.nullableLong(row, 6);
        return new Invite(row.getString(1), row.getLong(2), row.getLong(3), row.getBoolean(4),
                instant(row.getLong(5)), revokedAt == null ? null : instant(revokedAt));
    }

    static JoinRequest joinRequest(ResultSet row) throws SQLException {
        return new JoinRequest(row.getLong(1), row.getLong(2), row.getString(3), instant(row.getLong(4)));
    }

    static Instant instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis);
    }

    /** Stored precision: epoch milliseconds. */
    static long millis(Instant instant) {
        return instant.toEpochMilli();
    }

    /** {@code instant} at stored precision, so what a write returns equals what a later read returns. */
    static Instant stored(Instant instant) {
        return instant(millis(instant));
    }

    private static String prefixed(String alias, String... columns) {
        StringBuilder sql = new StringBuilder();
        for (String column : columns) {
            if (!sql.isEmpty()) {
                sql.append(", ");
            }
            sql.append(alias).append('.').append(column);
        }
        return sql.toString();
    }
}
