package dev.parley.core.service;

import dev.parley.core.model.GroupChange;
import dev.parley.core.model.GroupChange.MemberChange;
import dev.parley.core.model.GroupInfo;
import dev.parley.core.model.GroupSettings;
import dev.parley.core.model.GroupState;
import dev.parley.core.model.Member;
import dev.parley.core.model.Role;
import dev.parley.core.model.SystemEvent;
import dev.parley.core.model.SystemEvent.Action;
import dev.parley.core.port.GroupCommand;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rules of group membership as {@link GroupCommand}s: pure functions of the group's state at the moment of
 * sequencing, so a decision can never act on stale roles or membership. A refusal throws {@link ServiceException}.
 */
final class GroupRules {
    private GroupRules() {
    }

    static GroupCommand add(long actorId, List<Long> userIds) {
        return state -> {
            requireAdmin(state, actorId);
            for (long id : userIds) {
                if (state.active(id).isPresent()) {
                    throw invalid("user " + id + " is already a member of chat " + state.group().chatId());
                }
            }
            requireRoom(state, userIds.size());
            List<MemberChange> joins = userIds.stream().<MemberChange>map(id -> new MemberChange.Join(id, Role.MEMBER)).toList();
            return change(Action.ADDED, actorId, userIds, null, joins);
        };
    }

    static GroupCommand remove(long actorId, long userId) {
        return state -> {
            requireAdmin(state, actorId);
            Member target = requireMember(state, userId);
            if (userId == actorId) {
                throw invalid("use leaveGroup to leave; removeMember is for others");
            }
            if (target.role() == Role.OWNER) {
                throw forbidden("the owner of chat " + state.group().chatId() + " cannot be removed");
            }
            return change(Action.REMOVED, actorId, List.of(userId), null, List.of(new MemberChange.Leave(userId)));
        };
    }

    /** Leaving; an owner's leaving passes ownership on in the same entry (LEFT with userIds = [new owner]). */
    static GroupCommand leave(long actorId) {
        return state -> {
            Member me = state.active(actorId).orElseThrow(() -> ChatService.notMember(state.group().chatId()));
            List<MemberChange> changes = new ArrayList<>(List.of(new MemberChange.Leave(actorId)));
            Optional<Member> heir = me.role() == Role.OWNER ? heir(state, actorId) : Optional.empty();
            heir.ifPresent(h -> changes.add(new MemberChange.SetRole(h.userId(), Role.OWNER)));
            List<Long> ids = heir.map(h -> List.of(h.userId())).orElse(List.of());
            return change(Action.LEFT, actorId, ids, heir.isPresent() ? Role.OWNER : null, changes);
        };
    }

    static GroupCommand setRole(long actorId, long userId, Role role) {
        return state -> {
            requireAdmin(state, actorId);
            Member target = requireMember(state, userId);
            if (target.role() == Role.OWNER) {
                throw forbidden("the owner's role cannot be changed; the owner transfers ownership instead");
            }
            if (target.role() == role) {
                throw invalid("user " + userId + " is already " + role.name().toLowerCase());
            }
            return change(Action.ROLE_CHANGED, actorId, List.of(userId), role,
                    List.of(new MemberChange.SetRole(userId, role)));
        };
    }

    static GroupCommand transferOwnership(long actorId, long userId) {
        return state -> {
            Member me = state.active(actorId).orElseThrow(() -> ChatService.notMember(state.group().chatId()));
            if (me.role() != Role.OWNER) {
                throw forbidden("only the owner can transfer ownership of chat " + state.group().chatId());
            }
            requireMember(state, userId);
            if (userId == actorId) {
                throw invalid("you already own chat " + state.group().chatId());
            }
            return change(Action.OWNER_CHANGED, actorId, List.of(userId), Role.OWNER, List.of(
                    new MemberChange.SetRole(userId, Role.OWNER), new MemberChange.SetRole(actorId, Role.ADMIN)));
        };
    }

    static GroupCommand edit(long actorId, String name, String description, String avatar) {
        if (name == null && description == null && avatar == null) {
            return state -> {
                throw invalid("editGroup needs at least one of 'name', 'description', 'avatar'");
            };
        }
        return state -> {
            Member me = state.active(actorId).orElseThrow(() -> ChatService.notMember(state.group().chatId()));
            if (state.group().settings().onlyAdminsEdit() && me.role() == Role.MEMBER) {
                throw forbidden("only admins may edit the info of chat " + state.group().chatId());
            }
            GroupInfo old = state.group().info();
            GroupInfo info = GroupValidation.info(name != null ? name : old.name(),
                    description != null ? description : old.description(), avatar != null ? avatar : old.avatar());
            SystemEvent event = new SystemEvent(Action.INFO_CHANGED, actorId, List.of(), null, info, null);
            return new GroupChange(event, List.of(), info, null);
        };
    }

    static GroupCommand settings(long actorId, Boolean onlyAdminsSend, Boolean onlyAdminsEdit) {
        if (onlyAdminsSend == null && onlyAdminsEdit == null) {
            return state -> {
                throw invalid("setGroupSettings needs at least one of 'onlyAdminsSend', 'onlyAdminsEdit'");
            };
        }
        return state -> {
            requireAdmin(state, actorId);
            GroupSettings old = state.group().settings();
            GroupSettings next = new GroupSettings(onlyAdminsSend != null ? onlyAdminsSend : old.onlyAdminsSend(),
                    onlyAdminsEdit != null ? onlyAdminsEdit : old.onlyAdminsEdit());
            SystemEvent event = new SystemEvent(Action.SETTINGS_CHANGED, actorId, List.of(), null, null, next);
            return new GroupChange(event, List.of(), null, next);
        };
    }

    /** {@code userId} joins through an invite (approved by {@code approverId}, or 0 for an open link). */
    static GroupCommand join(long userId, long approverId) {
        return state -> {
            if (state.activeMembers().isEmpty()) {
                throw new ServiceException(Failure.NOT_FOUND, "chat " + state.group().chatId() + " has no members left");
            }
            if (state.active(userId).isPresent()) {
                throw invalid("you are already a member of chat " + state.group().chatId());
            }
            if (approverId != 0) {
                requireAdmin(state, approverId);
            }
            requireRoom(state, 1);
            List<Long> by = approverId == 0 ? List.of() : List.of(approverId);
            return change(Action.JOINED, userId, by, null, List.of(new MemberChange.Join(userId, Role.MEMBER)));
        };
    }

    static Member requireAdmin(GroupState state, long actorId) {
        Member me = state.active(actorId).orElseThrow(() -> ChatService.notMember(state.group().chatId()));
        if (me.role() == Role.MEMBER) {
            throw forbidden("only admins may do this in chat " + state.group().chatId());
        }
        return me;
    }

    private static Member requireMember(GroupState state, long userId) {
        return state.active(userId).orElseThrow(() -> invalid(
                "user " + userId + " is not a member of chat " + state.group().chatId()));
    }

    private static void requireRoom(GroupState state, int joining) {
        int max = state.group().maxMembers();
        if (state.activeMembers().size() + joining > max) {
            throw invalid("chat " + state.group().chatId() + " would have " + (state.activeMembers().size() + joining)
                    + " members; the limit is " + max);
        }
    }

    /** The longest-standing admin, else the longest-standing member. */
    private static Optional<Member> heir(GroupState state, long leaving) {
        Comparator<Member> seniority = Comparator.comparingLong(Member::joinSeq).thenComparingLong(Member::userId);
        List<Member> others = state.activeMembers().stream().filter(m -> m.userId() != leaving).toList();
        return others.stream().filter(m -> m.role() == Role.ADMIN).min(seniority)
                .or(() -> others.stream().min(seniority));
    }

    private static GroupChange change(Action action, long actorId, List<Long> userIds, Role role,
                                      List<MemberChange> changes) {
        return new GroupChange(new SystemEvent(action, actorId, userIds, role, null, null), changes, null, null);
    }

    private static ServiceException invalid(String message) {
        return new ServiceException(Failure.INVALID_ARGUMENT, message);
    }

    private static ServiceException forbidden(String message) {
        return new ServiceException(Failure.FORBIDDEN, message);
    }
}
