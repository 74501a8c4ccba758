package dev.parley.core.model;

import java.util.List;

/**
 * What one group command changes, applied atomically at a new seq: the membership changes, the new info or
 * settings (null: unchanged) and the system entry that announces it.
 */
public record GroupChange(SystemEvent event, List<MemberChange> memberChanges, GroupInfo newInfo,
                          GroupSettings newSettings) {

    /** One membership change. */
    public sealed interface MemberChange {
        long userId();

        /** The user becomes an active member with {@code role}; joinSeq = the change's seq. */
        record Join(long userId, Role role) implements MemberChange {
        }

        /** The active member leaves; leaveSeq = the change's seq (they still receive this entry). */
        record Leave(long userId) implements MemberChange {
        }

        /** The active member's role changes. */
        record SetRole(long userId, Role role) implements MemberChange {
        }
    }

    public GroupChange {
        memberChanges = List.copyOf(memberChanges);
    }
}
