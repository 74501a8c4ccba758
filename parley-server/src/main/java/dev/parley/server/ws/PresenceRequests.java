package dev.parley.server.ws;

import dev.parley.core.model.DeviceIdentity;
import dev.parley.core.model.Settings;
import dev.parley.core.model.Signal;
import dev.parley.core.model.User;
import dev.parley.core.port.Connection;
import dev.parley.core.service.PresenceService;
import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Presence, typing, contacts and blocking frames of an authenticated device. */
final class PresenceRequests {
    private final SessionServices s;

    PresenceRequests(SessionServices services) {
        this.s = services;
    }

    ServerFrame typing(DeviceIdentity me, ClientFrame.Typing t) {
        s.typing().typing(me, t.chatId(), Signal.TypingState.valueOf(t.state().toUpperCase(Locale.ROOT)));
        return ok(t.id());
    }

    ServerFrame watch(Connection connection, DeviceIdentity me, ClientFrame.WatchPresence w) {
        w.userIds().forEach(s.accounts()::user);
        s.presence().watch(connection, w.userIds());
        return new ServerFrame.Presences(w.id(), w.userIds().stream().map(id -> view(s.presence().visible(id, me.userId()))).toList());
    }

    ServerFrame addContact(Connection connection, DeviceIdentity me, ClientFrame.AddContact a) {
        s.contacts().addContact(me.userId(), a.userId(), a.name());
        s.presence().watch(connection, List.of(a.userId()));
        return ok(a.id());
    }

    ServerFrame removeContact(DeviceIdentity me, ClientFrame.RemoveContact r) {
        s.contacts().removeContact(me.userId(), r.userId());
        return ok(r.id());
    }

    ServerFrame contacts(DeviceIdentity me, ClientFrame.GetContacts g) {
        return new ServerFrame.Contacts(g.id(), s.contacts().contactList(me.userId()).stream()
                .map(c -> new Views.Contact(ViewMapper.user(s.accounts().user(c.userId())), c.name())).toList());
    }

    ServerFrame lookup(DeviceIdentity me, ClientFrame.LookupPhones l) {
        Map<String, User> found = s.contacts().lookupPhones(me.userId(), l.phones());
        return new ServerFrame.PhoneMatches(l.id(), found.entrySet().stream()
                .map(e -> new Views.PhoneMatch(e.getKey(), ViewMapper.user(e.getValue()))).toList());
    }

    ServerFrame block(DeviceIdentity me, ClientFrame.Block b) {
        s.contacts().block(me.userId(), b.userId());
        s.presence().settingsChanged(me.userId());
        return ok(b.id());
    }

    ServerFrame unblock(DeviceIdentity me, ClientFrame.Unblock u) {
        s.contacts().unblock(me.userId(), u.userId());
        s.presence().settingsChanged(me.userId());
        return ok(u.id());
    }

    ServerFrame blocked(DeviceIdentity me, ClientFrame.GetBlocked g) {
        return new ServerFrame.Blocked(g.id(), s.contacts().blockedUsers(me.userId()).stream().map(ViewMapper::user).toList());
    }

    ServerFrame settings(DeviceIdentity me, ClientFrame.SetSettings st) {
        s.accounts().updateSettings(me.userId(), st.readReceipts(), visibility(st.lastSeen()), visibility(st.online()));
        if (st.lastSeen() != null || st.online() != null) {
            s.presence().settingsChanged(me.userId());
        }
        return ok(st.id());
    }

    static Views.Presence view(PresenceService.Visible v) {
        return new Views.Presence(v.userId(), v.online(), v.lastSeen() == null ? null : v.lastSeen().toEpochMilli());
    }

    static Settings.Visibility visibility(String wire) {
        return wire == null ? null : Settings.Visibility.valueOf(wire.toUpperCase(Locale.ROOT));
    }

    private static ServerFrame ok(String id) {
        return id == null ? null : new ServerFrame.Ok(id);
    }
}
