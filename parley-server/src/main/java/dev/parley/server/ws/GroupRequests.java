package dev.parley.server.ws;

import dev.parley.core.model.DeviceIdentity;
import dev.parley.core.model.Invite;
import dev.parley.core.model.Member;
import dev.parley.core.model.Message;
import dev.parley.core.model.Role;
import dev.parley.core.service.GroupService;
import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.util.Locale;

/** The group frames of an authenticated device: one service call each, answered with its result frame. */
final class GroupRequests {
    private final SessionServices s;

    GroupRequests(SessionServices services) {
        this.s = services;
    }

    ServerFrame create(DeviceIdentity me, ClientFrame.CreateGroup g) {
        Message created = s.groups().create(me, g.name(), g.description(), g.avatar(), g.members(), g.onlyAdminsSend(),
                g.onlyAdminsEdit());
        return chat(me, g.id(), created.chatId());
    }

    ServerFrame add(DeviceIdentity me, ClientFrame.AddMembers a) {
        return changed(a.id(), s.groups().addMembers(me, a.chatId(), a.userIds()));
    }

    ServerFrame remove(DeviceIdentity me, ClientFrame.RemoveMember r) {
        return changed(r.id(), s.groups().removeMember(me, r.chatId(), r.userId()));
    }

    ServerFrame leave(DeviceIdentity me, ClientFrame.LeaveGroup l) {
        return changed(l.id(), s.groups().leave(me, l.chatId()));
    }

    ServerFrame setRole(DeviceIdentity me, ClientFrame.SetRole r) {
        Role role = Role.valueOf(r.role().toUpperCase(Locale.ROOT));
        return changed(r.id(), s.groups().setRole(me, r.chatId(), r.userId(), role));
    }

    ServerFrame transfer(DeviceIdentity me, ClientFrame.TransferOwnership t) {
        return changed(t.id(), s.groups().transferOwnership(me, t.chatId(), t.userId()));
    }

    ServerFrame edit(DeviceIdentity me, ClientFrame.EditGroup e) {
        return changed(e.id(), s.groups().edit(me, e.chatId(), e.name(), e.description(), e.avatar()));
    }

    ServerFrame settings(DeviceIdentity me, ClientFrame.SetGroupSettings g) {
        return changed(g.id(), s.groups().settings(me, g.chatId(), g.onlyAdminsSend(), g.onlyAdminsEdit()));
    }

    ServerFrame createInvite(DeviceIdentity me, ClientFrame.CreateInvite c) {
        Invite invite = s.groups().createInvite(me, c.chatId(), Boolean.TRUE.equals(c.approvalRequired()));
        return new ServerFrame.InviteResult(c.id(), invite(invite));
    }

    ServerFrame revokeInvite(DeviceIdentity me, ClientFrame.RevokeInvite r) {
        s.groups().revokeInvite(me, r.chatId(), r.code());
        return new ServerFrame.Ok(r.id());
    }

    ServerFrame invites(DeviceIdentity me, ClientFrame.GetInvites g) {
        return new ServerFrame.Invites(g.id(), g.chatId(),
                s.groups().invites(me, g.chatId()).stream().map(GroupRequests::invite).toList());
    }

    ServerFrame join(DeviceIdentity me, ClientFrame.JoinByInvite j) {
        GroupService.JoinOutcome outcome = s.groups().joinByInvite(me, j.code());
        return outcome.pending() ? new ServerFrame.JoinPending(j.id(), outcome.chatId()) : chat(me, j.id(), outcome.chatId());
    }

    ServerFrame joinRequests(DeviceIdentity me, ClientFrame.GetJoinRequests g) {
        return new ServerFrame.JoinRequests(g.id(), g.chatId(), s.groups().joinRequests(me, g.chatId()).stream()
                .map(r -> new Views.JoinRequest(r.chatId(), r.userId(), r.requestedAt().toEpochMilli())).toList());
    }

    ServerFrame answer(DeviceIdentity me, ClientFrame.AnswerJoinRequest a) {
        Message joined = s.groups().answerJoinRequest(me, a.chatId(), a.userId(), a.approve());
        return joined == null ? new ServerFrame.Ok(a.id()) : changed(a.id(), joined);
    }

    ServerFrame messageInfo(DeviceIdentity me, ClientFrame.GetMessageInfo g) {
        var summary = s.chats().summary(me.userId(), g.chatId());
        Member viewer = summary.members().stream().filter(m -> m.userId() == me.userId()).findFirst().orElseThrow();
        var infos = s.receipts().messageInfo(me.userId(), g.chatId(), g.seq(), viewer, summary.group() == null);
        return new ServerFrame.MessageInfo(g.id(), g.chatId(), g.seq(), infos.stream()
                .map(i -> new Views.ReceiptInfo(i.userId(), millis(i.deliveredAt()), millis(i.readAt()))).toList());
    }

    private ServerFrame chat(DeviceIdentity me, String id, long chatId) {
        return new ServerFrame.ChatResult(id, s.views().chat(me.userId(), s.chats().summary(me.userId(), chatId)));
    }

    private static ServerFrame changed(String id, Message m) {
        return new ServerFrame.Changed(id, m.chatId(), m.seq());
    }

    private static Views.Invite invite(Invite i) {
        return new Views.Invite(i.code(), i.chatId(), i.createdBy(), i.approvalRequired(), i.createdAt().toEpochMilli());
    }

    private static Long millis(java.time.Instant t) {
        return t == null ? null : t.toEpochMilli();
    }
}
