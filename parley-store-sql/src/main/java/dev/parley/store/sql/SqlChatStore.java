package dev.parley.store.sql;

import dev.parley.core.model.Chat;
import dev.parley.core.model.ChatKind;
import dev.parley.core.model.ChatSummary;
import dev.parley.core.model.Event.ChatCreated;
import dev.parley.core.model.Group;
import dev.parley.core.model.Member;
import dev.parley.core.model.Message;
import dev.parley.core.model.MessageKind;
import dev.parley.core.model.Role;
import dev.parley.core.port.ChatStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * {@link ChatStore} on SQL. Tables:
 * <pre>
 * chats                          one row per conversation
 *   id            BIGINT PK
 *   kind          TEXT           ChatKind name: DIRECT | GROUP (a group also has a groups row, see SqlGroupStore)
 *   direct_key    TEXT UNIQUE    "minUserId:maxUserId" for a direct chat, NULL for a group; makes the
 *                                direct chat of two users unique (INSERT … ON CONFLICT (direct_key) DO NOTHING)
 *   last_seq      BIGINT         seq of the newest entry (0 = empty); the sequencing point: advanced with
 *                                UPDATE … SET last_seq = last_seq + 1 … RETURNING (a row lock on PostgreSQL)
 *   created_at    BIGINT         epoch millis
 *   last_activity BIGINT         epoch millis of the newest entry (or of creation); orders chatsOf
 *   timer_seconds BIGINT         the disappearing-message timer (Chat.timerSeconds, 0 = off); set by
 *                                SqlRetentionStore.setTimer, read by the sequencing step of every append
 *
 * memberships                    one row per (chat, user), kept after the user leaves; a re-join replaces it
 *   chat_id       BIGINT FK chats    } PRIMARY KEY (chat_id, user_id)
 *   user_id       BIGINT FK users    }
 *   role          TEXT           Role name: OWNER | ADMIN | MEMBER
 *   join_seq      BIGINT         the member receives entries with join_seq &lt; seq &lt; leave_seq (and the
 *                                entries of their own join and leave); 0 in a direct chat
 *   leave_seq     BIGINT         seq of the entry that removed the member; Long.MAX_VALUE
 *                                (9223372036854775807) while the member is active
 *   delivered_seq BIGINT         highest seq a device of the member acknowledged; only grows, ≤ leave_seq;
 *                                a join sets it (and read_seq) to join_seq
 *   read_seq      BIGINT         highest seq the member read; only grows, ≤ delivered_seq
 *   INDEX memberships_by_user (user_id, leave_seq)
 *   INDEX memberships_by_delivered (chat_id, leave_seq, delivered_seq)   lowest watermarks of a group's
 *   INDEX memberships_by_read (chat_id, leave_seq, read_seq)             active members (group receipts)
 * </pre>
 * {@code chatsOf} reads, in one snapshot, every chat the user has a membership of, active or past (active
 * ones ordered by {@code last_activity}, past ones by the time of the entry that removed the user), their
 * active members plus the user's own past membership, the group rows, the newest entry inside the user's
 * window ({@code join_seq ≤ seq ≤ min(last_seq, leave_seq)}, with its media reference; none when that entry was
 * purged, see {@link SqlRetentionStore}: looking further back for a whole one could walk a whole chat of purged
 * skeletons) and the unread count (non-SYSTEM messages of others with {@code read_seq < seq ≤ leave_seq}, above
 * {@code join_seq}; purged ones still count: the reader's devices have them until they are read).
 */
public final class SqlChatStore implements ChatStore {
    private static final String INSERT_DIRECT = "INSERT INTO chats (kind, direct_key, last_seq, created_at,"
            + " last_activity) VALUES (?, ?, 0, ?, ?) ON CONFLICT (direct_key) DO NOTHING RETURNING "
            + "id, kind, last_seq, created_at, timer_seconds";
    private static final String CHAT_BY = "SELECT " + Rows.chatColumns("c") + " FROM chats c WHERE ";
    private static final String MEMBERS = "SELECT " + Rows.MEMBER_COLUMNS + " FROM memberships ";
    private static final String USER_CHATS = "SELECT " + Rows.chatColumns("c") + ", CASE WHEN ms.leave_seq = ?"
            + " THEN c.last_activity ELSE COALESCE((SELECT m.created_at FROM messages m WHERE m.chat_id = c.id"
            + " AND m.seq = ms.leave_seq), c.created_at) END AS activity"
            + " FROM chats c JOIN memberships ms ON ms.chat_id = c.id WHERE ms.user_id = ?"
            + " ORDER BY activity DESC, c.id DESC";
    private static final String MEMBERS_OF_USER_CHATS = MEMBERS + "WHERE chat_id IN (SELECT mine.chat_id FROM"
            + " memberships mine WHERE mine.user_id = ?) AND (leave_seq = ? OR user_id = ?) ORDER BY chat_id, user_id";
    // memberships_by_user finds the user's rows; a direct chat's members never leave, the guard is for clarity
    private static final String DIRECT_PEERS = "SELECT DISTINCT o.user_id FROM memberships me"
            + " JOIN chats c ON c.id = me.chat_id JOIN memberships o ON o.chat_id = me.chat_id"
            + " WHERE me.user_id = ? AND c.kind = ? AND o.user_id <> me.user_id AND o.leave_seq = ? ORDER BY o.user_id";
    private static final String GROUPS_OF_USER = "SELECT " + Rows.groupColumns("g") + " FROM groups g"
            + " JOIN memberships ms ON ms.chat_id = g.chat_id WHERE ms.user_id = ?";
    private static final String LAST_MESSAGES = "SELECT " + Rows.messageColumns("m") + " FROM memberships ms"
            + " JOIN chats c ON c.id = ms.chat_id JOIN messages m ON m.chat_id = ms.chat_id"
            + " AND m.seq = CASE WHEN c.last_seq < ms.leave_seq THEN c.last_seq ELSE ms.leave_seq END"
            + Rows.messageJoins("m") + " WHERE ms.user_id = ? AND m.seq >= ms.join_seq AND m.purged_at IS NULL";
    private static final String UNREAD = "SELECT ms.chat_id, COUNT(*) FROM memberships ms"
            + " JOIN messages m ON m.chat_id = ms.chat_id AND m.seq > ms.read_seq AND m.seq > ms.join_seq"
            + " AND m.seq <= ms.leave_seq WHERE ms.user_id = ? AND m.sender_id <> ? AND m.kind <> ?"
            + " GROUP BY ms.chat_id";

    private final SqlDatabase database;

    public SqlChatStore(SqlDatabase database) {
        this.database = database;
    }

    @Override
    public Chat openDirect(long userA, long userB, Instant now) {
        if (userA == userB) {
            throw new IllegalArgumentException("a direct chat needs two distinct users, got user " + userA + " twice");
        }
        String key = Math.min(userA, userB) + ":" + Math.max(userA, userB);
        Optional<Chat> existing = database.read(c -> Jdbc.first(c, CHAT_BY + "c.direct_key = ?", Rows::chat, key));
        return existing.orElseGet(() -> database.write(tx -> createDirect(tx, userA, userB, key, now)));
    }

    @Override
    public Optional<Chat> chat(long chatId) {
        return database.read(c -> Jdbc.first(c, CHAT_BY + "c.id = ?", Rows::chat, chatId));
    }

    @Override
    public Optional<Member> member(long chatId, long userId) {
        return database.read(c -> Jdbc.first(c, MEMBERS + "WHERE chat_id = ? AND user_id = ?", Rows::member,
                chatId, userId));
    }

    @Override
    public List<Member> members(long chatId) {
        return database.read(c -> Jdbc.list(c, MEMBERS + "WHERE chat_id = ? ORDER BY user_id", Rows::member,
                chatId));
    }

    @Override
    public List<ChatSummary> chatsOf(long userId) {
        return database.read(c -> summaries(c, userId));
    }

    @Override
    public List<Long> directPeers(long userId) {
        return database.read(c -> Jdbc.list(c, DIRECT_PEERS, row -> row.getLong(1), userId, ChatKind.DIRECT.name(),
                Rows.ACTIVE));
    }

    /** Runs on the writer: creates the chat unless a concurrent call already did, then returns it. */
    private static Chat createDirect(WriteTx tx, long userA, long userB, String key, Instant now)
            throws SQLException {
        Connection c = tx.connection();
        requireUsers(c, userA, userB);
        Optional<Chat> created = Jdbc.first(c, INSERT_DIRECT, Rows::chat, ChatKind.DIRECT.name(), key,
                Rows.millis(now), Rows.millis(now));
        if (created.isEmpty()) {
            return Jdbc.first(c, CHAT_BY + "c.direct_key = ?", Rows::chat, key).orElseThrow(
                    () -> new IllegalStateException("direct chat " + key + " conflicted but cannot be read"));
        }
        Chat chat = created.get();
        List<Long> members = List.of(Math.min(userA, userB), Math.max(userA, userB));
        for (long member : members) {
            Jdbc.update(c, "INSERT INTO memberships (chat_id, user_id, role, join_seq, leave_seq, delivered_seq,"
                    + " read_seq) VALUES (?, ?, ?, 0, ?, 0, 0)", chat.id(), member, Role.MEMBER.name(), Rows.ACTIVE);
        }
        UpdateEntries.append(tx, members, new ChatCreated(chat.id(), ChatKind.DIRECT, members), now);
        return chat;
    }

    private static void requireUsers(Connection c, long userA, long userB) throws SQLException {
        List<Long> found = Jdbc.list(c, "SELECT id FROM users WHERE id IN (?, ?)", row -> row.getLong(1),
                userA, userB);
        for (long user : List.of(userA, userB)) {
            if (!found.contains(user)) {
                throw new NoSuchElementException("no user with id " + user + " to open a direct chat with");
            }
        }
    }

    /**
     * Five queries in one read snapshot: the chats, their members, their group rows, the user's last visible
     * entries and the unread counts.
     */
    private static List<ChatSummary> summaries(Connection c, long userId) throws SQLException {
        List<Chat> chats = Jdbc.list(c, USER_CHATS, Rows::chat, Rows.ACTIVE, userId);
        Map<Long, List<Member>> members = new HashMap<>();
        for (Member member : Jdbc.list(c, MEMBERS_OF_USER_CHATS, Rows::member, userId, Rows.ACTIVE, userId)) {
            members.computeIfAbsent(member.chatId(), id -> new ArrayList<>()).add(member);
        }
        Map<Long, Group> groups = new HashMap<>();
        for (Group group : Jdbc.list(c, GROUPS_OF_USER, Rows::group, userId)) {
            groups.put(group.chatId(), group);
        }
        Map<Long, Message> lastMessages = new HashMap<>();
        for (Message message : Jdbc.list(c, LAST_MESSAGES, Rows::message, userId)) {
            lastMessages.put(message.chatId(), message);
        }
        Map<Long, Long> unread = new HashMap<>();
        for (long[] row : Jdbc.list(c, UNREAD, r -> new long[] {r.getLong(1), r.getLong(2)}, userId, userId,
                MessageKind.SYSTEM.name())) {
            unread.put(row[0], row[1]);
        }
        return chats.stream().map(chat -> new ChatSummary(chat,
                List.copyOf(members.getOrDefault(chat.id(), List.of())), lastMessages.get(chat.id()),
                unread.getOrDefault(chat.id(), 0L), groups.get(chat.id()))).toList();
    }
}
