package dev.parley.server.ws;

import dev.parley.core.model.ChatSummary;
import dev.parley.core.model.Group;
import dev.parley.core.model.GroupInfo;
import dev.parley.core.model.GroupSettings;
import dev.parley.core.model.SystemEvent;
import dev.parley.core.model.Event;
import dev.parley.core.model.Member;
import dev.parley.core.model.Message;
import dev.parley.core.model.Update;
import dev.parley.core.model.User;
import dev.parley.core.service.AccountService;
import dev.parley.core.service.ReceiptService;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.util.List;
import java.util.Locale;

/** Maps core objects to wire views, as a given viewer may see them (read receipts are per viewer). */
public final class ViewMapper {
    private final AccountService accounts;
    private final ReceiptService receipts;

    public ViewMapper(AccountService accounts, ReceiptService receipts) {
        this.accounts = accounts;
        this.receipts = receipts;
    }

    public static Views.User user(User u) {
        return new Views.User(u.id(), u.username(), u.phone(), u.displayName());
    }

    /**
     * A user as a directory lookup shows them: the phone number only to the user themselves (knowing a user
     * id or username must not reveal a phone number; a lookup by phone already knows it).
     */
    public static Views.User directoryUser(User u, long viewerId) {
        return new Views.User(u.id(), u.username(), u.id() == viewerId ? u.phone() : null, u.displayName());
    }

    /** The wire view of a message's media; null for messages without. */
    public static Views.Media media(dev.parley.core.model.MediaRef r) {
        return r == null ? null : new Views.Media(r.mediaId(), r.mime(), r.size(), r.sha256(), r.fileName(),
                r.width(), r.height(), r.durationMs(), r.thumbnail());
    }

    public static Views.Message message(Message m) {
        return new Views.Message(m.chatId(), m.seq(), m.id(), m.senderId(), m.senderDeviceId(), m.clientId(),
                lower(m.kind()), m.text(), m.replyTo(), m.createdAt().toEpochMilli(), system(m.system()),
                media(m.media()));
    }

    private static Views.SystemEvent system(SystemEvent e) {
        if (e == null) {
            return null;
        }
        GroupInfo info = e.info();
        GroupSettings settings = e.settings();
        return new Views.SystemEvent(lower(e.action()), e.actorId(), e.userIds(), e.role() == null ? null : lower(e.role()),
                info == null ? null : info.name(), info == null ? null : info.description(),
                info == null ? null : info.avatar(), settings == null ? null : settings.onlyAdminsSend(),
                settings == null ? null : settings.onlyAdminsEdit(), e.timerSeconds());
    }

    private static Views.Group group(Group g) {
        return g == null ? null : new Views.Group(g.info().name(), g.info().description(), g.info().avatar(),
                g.settings().onlyAdminsSend(), g.settings().onlyAdminsEdit(), g.createdBy(), g.maxMembers());
    }

    /** Lower-case wire names of each enum's constants, by ordinal (computed once per enum, not per message). */
    private static final ClassValue<String[]> LOWER_NAMES = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            String[] names = new String[constants.length];
            for (int i = 0; i < constants.length; i++) {
                names[i] = ((Enum<?>) constants[i]).name().toLowerCase(Locale.ROOT);
            }
            return names;
        }
    };

    static String lower(Enum<?> e) {
        return LOWER_NAMES.get(e.getDeclaringClass())[e.ordinal()];
    }

    public ServerFrame.Update update(Update u) {
        return new ServerFrame.Update(u.cursor(), event(u.userId(), u.event()));
    }

    public Views.Chat chat(long viewerId, ChatSummary s) {
        Member me = s.members().stream().filter(m -> m.userId() == viewerId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("user " + viewerId + " is not in chat " + s.chat().id()));
        Views.User peer = s.group() != null ? null : s.members().stream()
                .filter(m -> m.userId() != viewerId && m.active()).findFirst()
                .map(m -> user(accounts.user(m.userId()))).orElse(null);
        // Someone who left sees only their own membership, not who is in the group now.
        List<Views.Member> members = s.members().stream().filter(m -> me.active() ? m.active() : m.userId() == viewerId)
                .map(m -> new Views.Member(m.userId(), lower(m.role()), m.deliveredSeq(),
                        s.group() != null ? Long.valueOf(m.readSeq()) : receipts.visibleReadSeq(viewerId, m)))
                .toList();
        long unread = Math.max(0, s.unread());
        long visibleLastSeq = me.active() ? s.chat().lastSeq() : Math.min(s.chat().lastSeq(), me.leaveSeq());
        return new Views.Chat(s.chat().id(), lower(s.chat().kind()), visibleLastSeq,
                peer, members, s.lastMessage() == null ? null : message(s.lastMessage()), me.readSeq(), unread,
                s.chat().createdAt().toEpochMilli(), group(s.group()), me.active(), s.chat().timerSeconds());
    }

    private Views.Event event(long viewerId, Event e) {
        return switch (e) {
            case Event.MessageAdded m -> new Views.MessageEvent(message(m.message()));
            case Event.ReceiptMoved r -> new Views.ReceiptEvent(r.chatId(), r.memberId(), r.deliveredSeq(),
                    receipts.visibleReadSeq(viewerId, r));
            case Event.ChatCreated c -> new Views.ChatEvent(c.chatId(), lower(c.kind()), c.memberIds());
            case Event.GroupReceipt g -> new Views.GroupReceiptEvent(g.chatId(), g.deliveredSeq(), g.readSeq());
            case Event.JoinRequested j -> new Views.JoinRequestEvent(j.chatId(), j.userId());
            case Event.Expired x -> new Views.ExpiredEvent(x.chatId(), x.fromSeq(), x.toSeq(), lower(x.reason()));
        };
    }
}
