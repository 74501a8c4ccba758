package dev.parley.store.sql;

import dev.parley.core.model.ChatKind;
import dev.parley.core.model.Event.ChatCreated;
import dev.parley.core.model.Event.MessageAdded;
import dev.parley.core.model.Group;
import dev.parley.core.model.GroupChange;
import dev.parley.core.model.GroupChange.MemberChange;
import dev.parley.core.model.GroupChange.MemberChange.Join;
import dev.parley.core.model.GroupChange.MemberChange.Leave;
import dev.parley.core.model.GroupChange.MemberChange.SetRole;
import dev.parley.core.model.GroupInfo;
import dev.parley.core.model.GroupSettings;
import dev.parley.core.model.GroupState;
import dev.parley.core.model.Member;
import dev.parley.core.model.Message;
import dev.parley.core.model.MessageKind;
import dev.parley.core.model.NewGroup;
import dev.parley.core.model.Role;
import dev.parley.core.model.SystemEvent;
import dev.parley.core.port.GroupCommand;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sequenced writes of {@link SqlGroupStore}: creating a group and applying a {@link GroupCommand}, each ONE
 * task of the group-commit writer (so a command that throws rolls back only its own savepoint, and its
 * exception reaches the caller unchanged).
 */
final class GroupWrites {
    private static final String INSERT_CHAT = "INSERT INTO chats (kind, direct_key, last_seq, created_at,"
            + " last_activity) VALUES (?, NULL, 1, ?, ?) RETURNING id";
    private static final String INSERT_GROUP = "INSERT INTO groups (chat_id, name, description, avatar,"
            + " only_admins_send, only_admins_edit, created_by, max_members) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPSERT_MEMBER = "INSERT INTO memberships (chat_id, user_id, role, join_seq,"
            + " leave_seq, delivered_seq, read_seq) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id, user_id)"
            + " DO UPDATE SET role = excluded.role, join_seq = excluded.join_seq, leave_seq = excluded.leave_seq,"
            + " delivered_seq = excluded.delivered_seq, read_seq = excluded.read_seq";
    private static final String LEAVE = "UPDATE memberships SET leave_seq = ?"
            + " WHERE chat_id = ? AND user_id = ? AND leave_seq = ?";
    private static final String SET_ROLE = "UPDATE memberships SET role = ?"
            + " WHERE chat_id = ? AND user_id = ? AND leave_seq = ?";
    static final String GROUP_BY_CHAT = "SELECT " + Rows.groupColumns("g") + " FROM groups g WHERE g.chat_id = ?";

    private GroupWrites() {
    }

    /** The group chat at seq 1: chat, group row, memberships, the CREATED entry and every member's entries. */
    static Message create(WriteTx tx, NewGroup group) throws SQLException {
        Connection c = tx.connection();
        List<Long> everyone = everyone(group);
        requireUsers(c, everyone, "create a group with");
        long at = Rows.millis(group.now());
        long chatId = Jdbc.first(c, INSERT_CHAT, row -> row.getLong(1), ChatKind.GROUP.name(), at, at).orElseThrow(
                () -> new IllegalStateException("INSERT INTO chats returned no id for the group of " + everyone));
        GroupInfo info = group.info();
        Jdbc.update(c, INSERT_GROUP, chatId, info.name(), info.description(), info.avatar(),
                group.settings().onlyAdminsSend(), group.settings().onlyAdminsEdit(), group.creatorId(),
                group.maxMembers());
        List<Join> joins = new ArrayList<>(List.of(new Join(group.creatorId(), Role.OWNER)));
        group.memberIds().forEach(id -> joins.add(new Join(id, Role.MEMBER)));
        upsertJoins(c, chatId, 1, joins);
        SystemEvent event = new SystemEvent(SystemEvent.Action.CREATED, group.creatorId(), group.memberIds(), null,
                info, group.settings());
        Message entry = systemEntry(chatId, 1, group.messageId(), group.creatorId(), group.creatorDeviceId(),
                group.now(), event);
        List<Long> sorted = List.copyOf(new TreeSet<>(everyone));
        ChatLog.insert(c, entry, null, sorted.size());
        UpdateEntries.append(tx, sorted, new ChatCreated(chatId, ChatKind.GROUP, sorted), group.now());
        UpdateEntries.append(tx, sorted, new MessageAdded(entry), group.now());
        return entry;
    }

    /**
     * One sequenced group step (see {@code GroupStore.apply}). The chat row is advanced first, so the state the
     * command sees, the change and its entry are serialized with every append to the chat.
     */
    static Optional<Message> apply(WriteTx tx, long chatId, long actorId, long actorDeviceId, String messageId,
                                   GroupCommand command, Instant now) throws SQLException {
        Connection c = tx.connection();
        Optional<ChatLog.Sequenced> sequenced = ChatLog.advance(c, chatId, now);
        if (sequenced.isEmpty() || sequenced.get().kind() != ChatKind.GROUP) {
            tx.discard();
            return Optional.empty();
        }
        long seq = sequenced.get().seq();
        List<Member> active = ChatLog.activeMembers(c, chatId);
        GroupChange change = command.decide(new GroupState(group(c, chatId), List.copyOf(active), seq - 1));
        if (change == null || change.event() == null) {
            throw new IllegalStateException("the command for chat " + chatId + " returned no change or no event: "
                    + change);
        }
        applyMembers(c, chatId, seq, change.memberChanges(), active);
        updateGroup(c, chatId, change.newInfo(), change.newSettings());
        Message entry = systemEntry(chatId, seq, messageId, actorId, actorDeviceId, now, change.event());
        insertWithEntries(tx, entry, change.memberChanges());
        return Optional.of(entry);
    }

    static Group group(Connection c, long chatId) throws SQLException {
        return Jdbc.first(c, GROUP_BY_CHAT, Rows::group, chatId).orElseThrow(() -> new IllegalStateException(
                "chat " + chatId + " is a GROUP chat without a groups row"));
    }

    /**
     * Inserts the entry (never timed; counting the entries below), then appends ChatCreated to the users who
     * joined and the entry to everyone active after it and everyone who left.
     */
    private static void insertWithEntries(WriteTx tx, Message entry, List<MemberChange> changes)
            throws SQLException {
        List<Long> after = ChatLog.activeUserIds(tx.connection(), entry.chatId());
        Set<Long> joined = new TreeSet<>();
        Set<Long> recipients = new TreeSet<>(after);
        for (MemberChange change : changes) {
            switch (change) {
                case Join join -> joined.add(join.userId());
                case Leave leave -> recipients.add(leave.userId());
                case SetRole ignored -> {
                }
            }
        }
        joined.retainAll(after);
        ChatLog.insert(tx.connection(), entry, null, recipients.size());
        UpdateEntries.append(tx, joined, new ChatCreated(entry.chatId(), ChatKind.GROUP, after), entry.createdAt());
        UpdateEntries.append(tx, recipients, new MessageAdded(entry), entry.createdAt());
    }

    /**
     * Checks every change against the membership as it evolves through the list (a Join of an active member,
     * a Leave or SetRole of a non-member is a bug of the command and rolls the step back), then writes them in
     * order; runs of Joins go in one JDBC batch.
     */
    private static void applyMembers(Connection c, long chatId, long seq, List<MemberChange> changes,
                                     List<Member> activeBefore) throws SQLException {
        Set<Long> active = new HashSet<>();
        activeBefore.forEach(m -> active.add(m.userId()));
        List<Long> newcomers = new ArrayList<>();
        for (MemberChange change : changes) {
            requireApplicable(chatId, change, active);
            if (change instanceof Join join) {
                newcomers.add(join.userId());
            }
        }
        requireUsers(c, newcomers, "add to group " + chatId);
        List<Join> joins = new ArrayList<>();
        for (MemberChange change : changes) {
            if (change instanceof Join join) {
                joins.add(join);
                continue;
            }
            upsertJoins(c, chatId, seq, joins);
            joins.clear();
            switch (change) {
                case Leave leave -> Jdbc.update(c, LEAVE, seq, chatId, leave.userId(), Rows.ACTIVE);
                case SetRole role -> Jdbc.update(c, SET_ROLE, role.role().name(), chatId, role.userId(), Rows.ACTIVE);
                case Join ignored -> throw new AssertionError("joins are batched above");
            }
        }
        upsertJoins(c, chatId, seq, joins);
    }

    private static void requireApplicable(long chatId, MemberChange change, Set<Long> active) {
        boolean isActive = active.contains(change.userId());
        boolean joins = change instanceof Join;
        if (joins == isActive) {
            throw new IllegalStateException("cannot apply " + change + " to chat " + chatId + ": user "
                    + change.userId() + (isActive ? " is already" : " is not") + " an active member at that point");
        }
        switch (change) {
            case Join join -> active.add(join.userId());
            case Leave leave -> active.remove(leave.userId());
            case SetRole ignored -> {
            }
        }
    }

    /** Joins at {@code seq}: joinSeq = deliveredSeq = readSeq = seq, active; a past membership is replaced. */
    private static void upsertJoins(Connection c, long chatId, long seq, List<Join> joins) throws SQLException {
        if (joins.isEmpty()) {
            return;
        }
        Jdbc.batch(c, UPSERT_MEMBER, joins.stream().map(join -> new Object[] {chatId, join.userId(),
                join.role().name(), seq, Rows.ACTIVE, seq, seq}).toList());
    }

    private static void updateGroup(Connection c, long chatId, GroupInfo info, GroupSettings settings)
            throws SQLException {
        if (info != null) {
            Jdbc.update(c, "UPDATE groups SET name = ?, description = ?, avatar = ? WHERE chat_id = ?",
                    info.name(), info.description(), info.avatar(), chatId);
        }
        if (settings != null) {
            Jdbc.update(c, "UPDATE groups SET only_admins_send = ?, only_admins_edit = ? WHERE chat_id = ?",
                    settings.onlyAdminsSend(), settings.onlyAdminsEdit(), chatId);
        }
    }

    private static Message systemEntry(long chatId, long seq, String messageId, long actorId, long actorDeviceId,
                                       Instant now, SystemEvent event) {
        return new Message(chatId, seq, messageId, actorId, actorDeviceId, null, MessageKind.SYSTEM, null, null,
                Rows.stored(now), event);
    }

    /** The creator then the members; refuses the creator among the members and duplicates. */
    private static List<Long> everyone(NewGroup group) {
        List<Long> everyone = new ArrayList<>();
        everyone.add(group.creatorId());
        everyone.addAll(group.memberIds());
        if (new HashSet<>(everyone).size() != everyone.size()) {
            throw new IllegalArgumentException("a new group's members must be distinct and exclude the creator "
                    + group.creatorId() + ", got " + group.memberIds());
        }
        return everyone;
    }

    private static void requireUsers(Connection c, List<Long> userIds, String purpose) throws SQLException {
        Set<Long> missing = new TreeSet<>(userIds);
        for (List<Long> chunk : Jdbc.chunks(List.copyOf(missing), UpdateEntries.HEADS_PER_STATEMENT)) {
            missing.removeAll(Jdbc.list(c, "SELECT id FROM users WHERE id IN (" + Jdbc.placeholders(chunk.size())
                    + ")", row -> row.getLong(1), chunk.toArray()));
        }
        if (!missing.isEmpty()) {
            throw new NoSuchElementException("no users with ids " + missing + " to " + purpose);
        }
    }
}
