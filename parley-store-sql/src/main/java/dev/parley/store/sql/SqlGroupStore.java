package dev.parley.store.sql;

import dev.parley.core.model.Event.JoinRequested;
import dev.parley.core.model.Group;
import dev.parley.core.model.Invite;
import dev.parley.core.model.JoinRequest;
import dev.parley.core.model.Message;
import dev.parley.core.model.NewGroup;
import dev.parley.core.model.Role;
import dev.parley.core.port.ConflictException;
import dev.parley.core.port.GroupCommand;
import dev.parley.core.port.GroupStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * {@link GroupStore} on SQL. A group is a {@code chats} row of kind GROUP (see {@link SqlChatStore}) plus:
 * <pre>
 * groups                             one row per group chat
 *   chat_id          BIGINT PK FK chats
 *   name             TEXT            GroupInfo.name (1–100 chars, validated by the core)
 *   description      TEXT            nullable
 *   avatar           TEXT            nullable reference
 *   only_admins_send BOOLEAN         GroupSettings.onlyAdminsSend (INTEGER 0/1 on SQLite)
 *   only_admins_edit BOOLEAN         GroupSettings.onlyAdminsEdit
 *   created_by       BIGINT FK users
 *   max_members      INTEGER         the limit the commands enforce
 *
 * invites                            invite links; never deleted, revoked instead
 *   code              TEXT PK        128 random bits, base64url (from the core)
 *   chat_id           BIGINT FK groups
 *   created_by        BIGINT FK users
 *   approval_required BOOLEAN        joining needs an admin's approval (a join request)
 *   created_at        BIGINT         epoch millis
 *   revoked_at        BIGINT         epoch millis; NULL while valid
 *   INDEX invites_by_chat (chat_id, created_at)
 *
 * join_requests                      pending requests; deleted when answered
 *   chat_id      BIGINT FK groups    } PRIMARY KEY (chat_id, user_id): one pending request per user and group
 *   user_id      BIGINT FK users     }
 *   invite_code  TEXT FK invites     the link it came through
 *   requested_at BIGINT              epoch millis
 * </pre>
 * Membership and info changes are system entries of the chat's log ({@code messages.kind = 'SYSTEM'}, see
 * {@link SqlMessageLog} and {@link SystemEventCodec}) written by {@link GroupWrites} in the sequencing step.
 * Every write is one task of the group-commit writer.
 */
public final class SqlGroupStore implements GroupStore {
    private static final String INSERT_INVITE = "INSERT INTO invites (code, chat_id, created_by, approval_required,"
            + " created_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL) ON CONFLICT (code) DO NOTHING RETURNING "
            + Rows.INVITE_COLUMNS;
    private static final String INVITE_BY = "SELECT " + Rows.INVITE_COLUMNS + " FROM invites WHERE ";
    private static final String INSERT_REQUEST = "INSERT INTO join_requests (chat_id, user_id, invite_code,"
            + " requested_at) VALUES (?, ?, ?, ?) ON CONFLICT (chat_id, user_id) DO NOTHING RETURNING "
            + Rows.JOIN_REQUEST_COLUMNS;
    private static final String REQUESTS = "SELECT " + Rows.JOIN_REQUEST_COLUMNS + " FROM join_requests"
            + " WHERE chat_id = ? ";
    private static final String ADMINS = "SELECT user_id FROM memberships WHERE chat_id = ? AND leave_seq = ?"
            + " AND role IN (?, ?) ORDER BY user_id";

    private final SqlDatabase database;

    public SqlGroupStore(SqlDatabase database) {
        this.database = database;
    }

    @Override
    public Message create(NewGroup group) {
        return database.write(tx -> GroupWrites.create(tx, group));
    }

    @Override
    public Optional<Group> group(long chatId) {
        return database.read(c -> Jdbc.first(c, GroupWrites.GROUP_BY_CHAT, Rows::group, chatId));
    }

    @Override
    public Optional<Message> apply(long chatId, long actorId, long actorDeviceId, String messageId,
                                   GroupCommand command, Instant now) {
        return database.write(tx -> GroupWrites.apply(tx, chatId, actorId, actorDeviceId, messageId, command, now));
    }

    @Override
    public Invite createInvite(long chatId, long createdBy, String code, boolean approvalRequired, Instant now) {
        return database.write(tx -> {
            requireGroup(tx.connection(), chatId, "create invite '" + code + "' for");
            return Jdbc.first(tx.connection(), INSERT_INVITE, Rows::invite, code, chatId, createdBy,
                    approvalRequired, Rows.millis(now)).orElseThrow(() -> new ConflictException("code",
                    "invite code '" + code + "' already exists (asked for chat " + chatId + ")"));
        });
    }

    @Override
    public Optional<Invite> invite(String code) {
        return database.read(c -> Jdbc.first(c, INVITE_BY + "code = ?", Rows::invite, code));
    }

    @Override
    public List<Invite> invites(long chatId) {
        return database.read(c -> Jdbc.list(c, INVITE_BY + "chat_id = ? AND revoked_at IS NULL"
                + " ORDER BY created_at DESC, code DESC", Rows::invite, chatId));
    }

    @Override
    public boolean revokeInvite(long chatId, String code, Instant now) {
        return database.write(tx -> Jdbc.update(tx.connection(), "UPDATE invites SET revoked_at = ?"
                + " WHERE chat_id = ? AND code = ? AND revoked_at IS NULL", Rows.millis(now), chatId, code) == 1);
    }

    /**
     * Idempotent: a second request of the same user for the same group returns the pending one and appends
     * nothing (the admins were told once).
     */
    @Override
    public JoinRequest requestJoin(long chatId, long userId, String inviteCode, Instant now) {
        return database.write(tx -> requestJoin(tx, chatId, userId, inviteCode, now));
    }

    @Override
    public List<JoinRequest> joinRequests(long chatId) {
        return database.read(c -> Jdbc.list(c, REQUESTS + "ORDER BY requested_at, user_id", Rows::joinRequest,
                chatId));
    }

    @Override
    public boolean removeJoinRequest(long chatId, long userId) {
        return database.write(tx -> Jdbc.update(tx.connection(),
                "DELETE FROM join_requests WHERE chat_id = ? AND user_id = ?", chatId, userId) == 1);
    }

    private static JoinRequest requestJoin(WriteTx tx, long chatId, long userId, String inviteCode, Instant now)
            throws SQLException {
        Connection c = tx.connection();
        requireGroup(c, chatId, "request to join");
        Optional<JoinRequest> created = Jdbc.first(c, INSERT_REQUEST, Rows::joinRequest, chatId, userId, inviteCode,
                Rows.millis(now));
        if (created.isEmpty()) {
            return Jdbc.first(c, REQUESTS + "AND user_id = ?", Rows::joinRequest, chatId, userId).orElseThrow(
                    () -> new IllegalStateException("join request of user " + userId + " for chat " + chatId
                            + " conflicted but cannot be read"));
        }
        List<Long> admins = Jdbc.list(c, ADMINS, row -> row.getLong(1), chatId, Rows.ACTIVE, Role.OWNER.name(),
                Role.ADMIN.name());
        UpdateEntries.append(tx, admins, new JoinRequested(chatId, userId), now);
        return created.get();
    }

    private static void requireGroup(Connection c, long chatId, String purpose) throws SQLException {
        if (Jdbc.first(c, "SELECT chat_id FROM groups WHERE chat_id = ?", row -> row.getLong(1), chatId).isEmpty()) {
            throw new NoSuchElementException("no group with chat id " + chatId + " to " + purpose);
        }
    }
}
