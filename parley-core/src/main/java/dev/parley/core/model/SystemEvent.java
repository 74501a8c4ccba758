package dev.parley.core.model;

import java.util.List;

/**
 * What a system entry of a chat's log says happened. Membership and group changes are entries in the chat's
 * seq order, so every member sees them in the same place relative to messages (ARCHITECTURE.md §2.5).
 *
 * @param action  what happened
 * @param actorId the user who did it (for JOINED and LEFT: the user who joined or left)
 * @param userIds the users it happened to (added, removed, promoted …); empty for info/settings changes
 * @param role    the new role for ROLE_CHANGED; null otherwise
 * @param info    the group info after INFO_CHANGED or CREATED; null otherwise
 * @param settings the settings after SETTINGS_CHANGED or CREATED; null otherwise
 * @param timerSeconds the disappearing-message timer after TIMER_CHANGED (0: off); null otherwise
 */
public record SystemEvent(Action action, long actorId, List<Long> userIds, Role role, GroupInfo info,
                          GroupSettings settings, Long timerSeconds) {

    public enum Action {
        /** The group was created with {@code userIds} as initial members. */
        CREATED,
        /** {@code actorId} added {@code userIds}. */
        ADDED,
        /** {@code actorId} removed {@code userIds}. */
        REMOVED,
        /** {@code actorId} left. */
        LEFT,
        /** {@code actorId} joined through an invite link (approved by nobody or by an admin: {@code userIds}). */
        JOINED,
        /** {@code actorId} changed the role of {@code userIds} to {@code role}. */
        ROLE_CHANGED,
        /** Ownership passed to {@code userIds[0]} (given by {@code actorId}, or automatically when the owner left). */
        OWNER_CHANGED,
        /** {@code actorId} changed the name, description or avatar to {@code info}. */
        INFO_CHANGED,
        /** {@code actorId} changed the settings to {@code settings}. */
        SETTINGS_CHANGED,
        /** {@code actorId} set the chat's disappearing-message timer to {@code timerSeconds} (0: off). */
        TIMER_CHANGED
    }

    public SystemEvent {
        userIds = List.copyOf(userIds);
    }

    /** A group event (no timer). */
    public SystemEvent(Action action, long actorId, List<Long> userIds, Role role, GroupInfo info,
                       GroupSettings settings) {
        this(action, actorId, userIds, role, info, settings, null);
    }
}
