package dev.parley.core.service;

import dev.parley.core.model.DeviceIdentity;
import dev.parley.core.model.Group;
import dev.parley.core.model.GroupInfo;
import dev.parley.core.model.GroupSettings;
import dev.parley.core.model.Invite;
import dev.parley.core.model.JoinRequest;
import dev.parley.core.model.Member;
import dev.parley.core.model.Message;
import dev.parley.core.model.NewGroup;
import dev.parley.core.model.Role;
import dev.parley.core.port.AccountStore;
import dev.parley.core.port.ChatStore;
import dev.parley.core.port.GroupCommand;
import dev.parley.core.port.GroupStore;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Group chats. Every membership or info change is one {@link GroupStore#apply} whose rules ({@link GroupRules})
 * are evaluated inside the sequencing step, so they see the membership exactly as of that seq.
 */
public final class GroupService {

    /** Outcome of joining through an invite: joined (the chat id) or waiting for approval. */
    public record JoinOutcome(long chatId, boolean pending) {
    }

    private final GroupStore groups;
    private final ChatStore chats;
    private final AccountStore accounts;
    private final MessageIds ids;
    private final Tokens tokens;
    private final int maxMembers;
    private final Clock clock;

    public GroupService(GroupStore groups, ChatStore chats, AccountStore accounts, MessageIds ids, Tokens tokens,
                        int maxMembers, Clock clock) {
        this.groups = groups;
        this.chats = chats;
        this.accounts = accounts;
        this.ids = ids;
        this.tokens = tokens;
        this.maxMembers = maxMembers;
        this.clock = clock;
    }

    /** Creates a group owned by the caller; returns its CREATED entry (seq 1). */
    public Message create(DeviceIdentity caller, String name, String description, String avatar, List<Long> memberIds,
                          Boolean onlyAdminsSend, Boolean onlyAdminsEdit) {
        GroupInfo info = GroupValidation.info(name, description, avatar);
        List<Long> members = List.copyOf(new LinkedHashSet<>(memberIds.stream().filter(id -> id != caller.userId()).toList()));
        if (members.size() + 1 > maxMembers) {
            throw new ServiceException(Failure.INVALID_ARGUMENT,
                    "a group has at most " + maxMembers + " members, asked for " + (members.size() + 1));
        }
        requireUsersExist(members);
        GroupSettings settings = new GroupSettings(Boolean.TRUE.equals(onlyAdminsSend), Boolean.TRUE.equals(onlyAdminsEdit));
        return groups.create(new NewGroup(caller.userId(), caller.deviceId(), ids.next(), info, settings, members,
                maxMembers, clock.instant()));
    }

    public Message addMembers(DeviceIdentity caller, long chatId, List<Long> userIds) {
        List<Long> distinct = List.copyOf(new LinkedHashSet<>(userIds));
        requireUsersExist(distinct);
        return apply(caller, chatId, GroupRules.add(caller.userId(), distinct));
    }

    public Message removeMember(DeviceIdentity caller, long chatId, long userId) {
        return apply(caller, chatId, GroupRules.remove(caller.userId(), userId));
    }

    public Message leave(DeviceIdentity caller, long chatId) {
        return apply(caller, chatId, GroupRules.leave(caller.userId()));
    }

    public Message setRole(DeviceIdentity caller, long chatId, long userId, Role role) {
        return apply(caller, chatId, GroupRules.setRole(caller.userId(), userId, role));
    }

    public Message transferOwnership(DeviceIdentity caller, long chatId, long userId) {
        return apply(caller, chatId, GroupRules.transferOwnership(caller.userId(), userId));
    }

    public Message edit(DeviceIdentity caller, long chatId, String name, String description, String avatar) {
        return apply(caller, chatId, GroupRules.edit(caller.userId(), name, description, avatar));
    }

    public Message settings(DeviceIdentity caller, long chatId, Boolean onlyAdminsSend, Boolean onlyAdminsEdit) {
        return apply(caller, chatId, GroupRules.settings(caller.userId(), onlyAdminsSend, onlyAdminsEdit));
    }

    public Invite createInvite(DeviceIdentity caller, long chatId, boolean approvalRequired) {
        requireAdmin(caller.userId(), chatId);
        return groups.createInvite(chatId, caller.userId(), tokens.newInviteCode(), approvalRequired, clock.instant());
    }

    public List<Invite> invites(DeviceIdentity caller, long chatId) {
        requireAdmin(caller.userId(), chatId);
        return groups.invites(chatId);
    }

    public void revokeInvite(DeviceIdentity caller, long chatId, String code) {
        requireAdmin(caller.userId(), chatId);
        if (!groups.revokeInvite(chatId, code, clock.instant())) {
            throw new ServiceException(Failure.NOT_FOUND, "no valid invite '" + code + "' for chat " + chatId);
        }
    }

    /** Joins through an invite link, or files a join request when the link needs approval. */
    public JoinOutcome joinByInvite(DeviceIdentity caller, String code) {
        Invite invite = groups.invite(code).filter(Invite::valid)
                .orElseThrow(() -> new ServiceException(Failure.NOT_FOUND, "invite '" + code + "' is unknown or revoked"));
        long chatId = invite.chatId();
        if (isActive(caller.userId(), chatId)) {
            return new JoinOutcome(chatId, false);
        }
        if (invite.approvalRequired()) {
            groups.requestJoin(chatId, caller.userId(), code, clock.instant());
            return new JoinOutcome(chatId, true);
        }
        apply(caller, chatId, GroupRules.join(caller.userId(), 0));
        return new JoinOutcome(chatId, false);
    }

    public List<JoinRequest> joinRequests(DeviceIdentity caller, long chatId) {
        requireAdmin(caller.userId(), chatId);
        return groups.joinRequests(chatId);
    }

    /** Approves (returns the JOINED entry) or rejects (returns null) a pending join request. */
    public Message answerJoinRequest(DeviceIdentity caller, long chatId, long userId, boolean approve) {
        requireAdmin(caller.userId(), chatId);
        if (groups.joinRequests(chatId).stream().noneMatch(r -> r.userId() == userId)) {
            throw new ServiceException(Failure.NOT_FOUND, "no pending join request of user " + userId + " in chat " + chatId);
        }
        Message joined = approve ? apply(caller, chatId, GroupRules.join(userId, caller.userId())) : null;
        groups.removeJoinRequest(chatId, userId);
        return joined;
    }

    private Message apply(DeviceIdentity caller, long chatId, GroupCommand command) {
        return groups.apply(chatId, caller.userId(), caller.deviceId(), ids.next(), command, clock.instant())
                .orElseThrow(() -> new ServiceException(Failure.NOT_FOUND, "no group " + chatId + " that you are a member of"));
    }

    /** Read-time admin check for invite management (links are not sequenced with messages). */
    private void requireAdmin(long userId, long chatId) {
        Group group = groups.group(chatId).orElseThrow(() -> ChatService.notMember(chatId));
        Member me = chats.member(group.chatId(), userId).filter(Member::active).orElseThrow(() -> ChatService.notMember(chatId));
        if (me.role() == Role.MEMBER) {
            throw new ServiceException(Failure.FORBIDDEN, "only admins manage invite links of chat " + chatId);
        }
    }

    private boolean isActive(long userId, long chatId) {
        return chats.member(chatId, userId).map(Member::active).orElse(false);
    }

    private void requireUsersExist(List<Long> userIds) {
        for (long id : userIds) {
            if (accounts.userById(id).isEmpty()) {
                throw new ServiceException(Failure.NOT_FOUND, "no user with id " + id);
            }
        }
    }
}
