package dev.parley.store.sql;

import dev.parley.core.model.AppendResult;
import dev.parley.core.model.AppendResult.Appended;
import dev.parley.core.model.AppendResult.NotAllowed;
import dev.parley.core.model.AppendResult.NotMember;
import dev.parley.core.model.ChatKind;
import dev.parley.core.model.Event.MessageAdded;
import dev.parley.core.model.Message;
import dev.parley.core.model.MessageKind;
import dev.parley.core.model.Role;
import dev.parley.core.model.SystemEvent;
import dev.parley.core.model.TimerChange;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link SqlRetentionStore#setTimer} as one task of the group-commit writer, sequenced like every entry of the
 * chat's log ({@link ChatLog}): advance {@code chats.last_seq} (the chat's row lock on PostgreSQL), decide under
 * it (an active member; in a group whose {@code groups.only_admins_edit} is set, an ADMIN or the OWNER; else the
 * savepoint is rolled back and no seq is burnt), set {@code chats.timer_seconds}, insert the TIMER_CHANGED system
 * entry (never timed itself) and append it to every active member's stream. An append sequenced after this task
 * reads the new timer in its own sequencing statement.
 */
final class TimerWrites {

    private TimerWrites() {
    }

    static AppendResult set(WriteTx tx, TimerChange change) throws SQLException {
        Connection c = tx.connection();
        Optional<ChatLog.Sequenced> sequenced = ChatLog.advance(c, change.chatId(), change.at());
        if (sequenced.isEmpty()) {
            tx.discard();
            return new NotMember(change.chatId(), change.actorId());
        }
        Map<Long, Role> members = ChatLog.activeRoles(c, change.chatId());
        Optional<AppendResult> refused = refusal(c, change, sequenced.get().kind(), members.get(change.actorId()));
        if (refused.isPresent()) {
            tx.discard();
            return refused.get();
        }
        Jdbc.update(c, "UPDATE chats SET timer_seconds = ? WHERE id = ?", change.timerSeconds(), change.chatId());
        Message entry = entry(change, sequenced.get().seq());
        ChatLog.insert(c, entry, null, members.size());
        UpdateEntries.append(tx, members.keySet(), new MessageAdded(entry), entry.createdAt());
        return new Appended(entry, false);
    }

    /** NotMember / NotAllowed, decided under the chat's lock; empty when the actor may set the timer. */
    private static Optional<AppendResult> refusal(Connection c, TimerChange change, ChatKind kind, Role role)
            throws SQLException {
        if (role == null) {
            return Optional.of(new NotMember(change.chatId(), change.actorId()));
        }
        if (kind == ChatKind.GROUP && role == Role.MEMBER && onlyAdminsEdit(c, change.chatId())) {
            return Optional.of(new NotAllowed(change.chatId(), change.actorId()));
        }
        return Optional.empty();
    }

    private static boolean onlyAdminsEdit(Connection c, long chatId) throws SQLException {
        return Jdbc.first(c, "SELECT only_admins_edit FROM groups WHERE chat_id = ?", row -> row.getBoolean(1),
                chatId).orElse(false);
    }

    private static Message entry(TimerChange change, long seq) {
        SystemEvent event = new SystemEvent(SystemEvent.Action.TIMER_CHANGED, change.actorId(), List.of(), null,
                null, null, change.timerSeconds());
        return new Message(change.chatId(), seq, change.messageId(), change.actorId(), change.actorDeviceId(), null,
                MessageKind.SYSTEM, null, null, Rows.stored(change.at()), event);
    }
}
