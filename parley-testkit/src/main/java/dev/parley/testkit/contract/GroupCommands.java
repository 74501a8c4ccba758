package dev.parley.testkit.contract;

import dev.parley.core.model.GroupChange;
import dev.parley.core.model.GroupChange.MemberChange;
import dev.parley.core.model.GroupInfo;
import dev.parley.core.model.GroupSettings;
import dev.parley.core.model.Role;
import dev.parley.core.model.SystemEvent;
import dev.parley.core.model.SystemEvent.Action;
import dev.parley.core.port.GroupCommand;
import java.util.Arrays;
import java.util.List;

/**
 * Plain {@link GroupCommand}s for the contracts: they apply a change without the core's permission rules (the
 * store does not judge permissions, it applies what the command decides).
 */
public final class GroupCommands {
    private GroupCommands() {
    }

    /** {@code actorId} adds {@code userIds} as MEMBERs (ADDED). */
    public static GroupCommand add(long actorId, Long... userIds) {
        List<Long> ids = Arrays.asList(userIds);
        List<MemberChange> joins = ids.stream()
                .<MemberChange>map(id -> new MemberChange.Join(id, Role.MEMBER)).toList();
        return state -> change(Action.ADDED, actorId, ids, null, joins);
    }

    /** {@code actorId} removes {@code userId} (REMOVED). */
    public static GroupCommand remove(long actorId, long userId) {
        return state -> change(Action.REMOVED, actorId, List.of(userId), null,
                List.of(new MemberChange.Leave(userId)));
    }

    /** {@code userId} leaves (LEFT). */
    public static GroupCommand leave(long userId) {
        return state -> change(Action.LEFT, userId, List.of(), null, List.of(new MemberChange.Leave(userId)));
    }

    /** {@code actorId} gives {@code userId} the role (ROLE_CHANGED). */
    public static GroupCommand setRole(long actorId, long userId, Role role) {
        return state -> change(Action.ROLE_CHANGED, actorId, List.of(userId), role,
                List.of(new MemberChange.SetRole(userId, role)));
    }

    /** {@code actorId} sets the info (INFO_CHANGED). */
    public static GroupCommand info(long actorId, GroupInfo info) {
        return state -> new GroupChange(new SystemEvent(Action.INFO_CHANGED, actorId, List.of(), null, info, null),
                List.of(), info, null);
    }

    /** {@code actorId} sets the settings (SETTINGS_CHANGED). */
    public static GroupCommand settings(long actorId, GroupSettings settings) {
        return state -> new GroupChange(
                new SystemEvent(Action.SETTINGS_CHANGED, actorId, List.of(), null, null, settings), List.of(), null,
                settings);
    }

    private static GroupChange change(Action action, long actorId, List<Long> userIds, Role role,
                                      List<MemberChange> changes) {
        return new GroupChange(new SystemEvent(action, actorId, userIds, role, null, null), changes, null, null);
    }
}
