package dev.parley.server.ws;

import dev.parley.core.model.Chat;
import dev.parley.core.model.DeviceIdentity;
import dev.parley.core.port.Connection;
import dev.parley.core.model.HistoryPage;
import dev.parley.core.model.Message;
import dev.parley.core.model.MessageKind;
import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ServerFrame;
import java.util.Locale;

/**
 * Turns one request frame of an authenticated device into service calls and its response frame.
 * Runs on the session's serial executor (a virtual thread): blocking is fine here. Returns null when the
 * request has no id and succeeded (acks and reads without id get no response).
 */
final class RequestHandler {
    private final SessionServices s;
    private final GroupRequests groups;
    private final PresenceRequests presence;

    RequestHandler(SessionServices services) {
        this.s = services;
        this.groups = new GroupRequests(services);
        this.presence = new PresenceRequests(services);
    }

    ServerFrame handle(Connection connection, DeviceIdentity me, ClientFrame frame) {
        return switch (frame) {
            case ClientFrame.Auth a -> ServerFrame.Error.of(a.id(), dev.parley.protocol.ErrorCode.INVALID_FRAME,
                    "auth: this connection is already authenticated");
            case ClientFrame.Ping p -> new ServerFrame.Pong(p.id(), s.clock().millis());
            case ClientFrame.OpenDirect o -> openDirect(connection, me, o);
            case ClientFrame.Send m -> send(me, m);
            case ClientFrame.Ack a -> ack(me, a);
            case ClientFrame.Read r -> read(me, r);
            case ClientFrame.GetChats g -> new ServerFrame.Chats(g.id(), s.chats().chatsOf(me.userId()).stream()
                    .map(c -> s.views().chat(me.userId(), c)).toList());
            case ClientFrame.GetHistory h -> history(me, h);
            case ClientFrame.SetSettings st -> presence.settings(me, st);
            case ClientFrame.Typing t -> presence.typing(me, t);
            case ClientFrame.WatchPresence w -> presence.watch(connection, me, w);
            case ClientFrame.AddContact a -> presence.addContact(connection, me, a);
            case ClientFrame.RemoveContact r -> presence.removeContact(me, r);
            case ClientFrame.GetContacts g -> presence.contacts(me, g);
            case ClientFrame.LookupPhones l -> presence.lookup(me, l);
            case ClientFrame.Block b -> presence.block(me, b);
            case ClientFrame.Unblock u -> presence.unblock(me, u);
            case ClientFrame.GetBlocked g -> presence.blocked(me, g);
            case ClientFrame.CreateGroup g -> groups.create(me, g);
            case ClientFrame.AddMembers a -> groups.add(me, a);
            case ClientFrame.RemoveMember r -> groups.remove(me, r);
            case ClientFrame.LeaveGroup l -> groups.leave(me, l);
            case ClientFrame.SetRole r -> groups.setRole(me, r);
            case ClientFrame.TransferOwnership t -> groups.transfer(me, t);
            case ClientFrame.EditGroup e -> groups.edit(me, e);
            case ClientFrame.SetGroupSettings g -> groups.settings(me, g);
            case ClientFrame.SetTimer t -> timer(me, t);
            case ClientFrame.CreateInvite c -> groups.createInvite(me, c);
            case ClientFrame.RevokeInvite r -> groups.revokeInvite(me, r);
            case ClientFrame.GetInvites g -> groups.invites(me, g);
            case ClientFrame.JoinByInvite j -> groups.join(me, j);
            case ClientFrame.GetJoinRequests g -> groups.joinRequests(me, g);
            case ClientFrame.AnswerJoinRequest a -> groups.answer(me, a);
            case ClientFrame.GetMessageInfo g -> groups.messageInfo(me, g);
        };
    }

    private ServerFrame openDirect(Connection connection, DeviceIdentity me, ClientFrame.OpenDirect o) {
        Chat chat = s.chats().openDirect(me.userId(), o.userId());
        s.presence().watch(connection, java.util.List.of(o.userId()));
        return new ServerFrame.ChatResult(o.id(), s.views().chat(me.userId(), s.chats().summary(me.userId(), chat.id())));
    }

    private ServerFrame send(DeviceIdentity me, ClientFrame.Send m) {
        MessageKind kind = m.kind() == null ? MessageKind.TEXT : MessageKind.valueOf(m.kind().toUpperCase(Locale.ROOT));
        Message msg = s.messages().send(me, m.chatId(), m.clientId(), kind, m.text(), m.replyTo(), m.mediaId());
        s.metrics().counter("parley.messages.accepted").increment();
        return new ServerFrame.Accepted(m.id(), msg.chatId(), msg.seq(), msg.id(), msg.clientId(),
                msg.createdAt().toEpochMilli());
    }

    /** With an id: durable before {@code ok}. Without: coalesced per device (at most one write per window). */
    private ServerFrame ack(DeviceIdentity me, ClientFrame.Ack a) {
        if (a.id() == null) {
            s.receipts().acknowledgeSoon(me, a.cursor());
            return null;
        }
        s.receipts().acknowledge(me, a.cursor());
        return ok(a.id());
    }

    private ServerFrame read(DeviceIdentity me, ClientFrame.Read r) {
        s.receipts().markRead(me.userId(), r.chatId(), r.seq());
        return ok(r.id());
    }

    private ServerFrame history(DeviceIdentity me, ClientFrame.GetHistory h) {
        HistoryPage page = s.chats().history(me.userId(), h.chatId(), h.before(), h.after(), h.limit());
        return new ServerFrame.History(h.id(), h.chatId(), page.messages().stream().map(ViewMapper::message).toList(),
                page.more());
    }

    private static ServerFrame ok(String id) {
        return id == null ? null : new ServerFrame.Ok(id);
    }

    private ServerFrame timer(DeviceIdentity me, ClientFrame.SetTimer t) {
        Message entry = s.retention().setTimer(me, t.chatId(), t.seconds());
        return new ServerFrame.Changed(t.id(), entry.chatId(), entry.seq());
    }
}
