package dev.parley.core.model;

import java.time.Instant;
import java.util.List;

/**
 * A validated group to create: {@code creatorId} becomes OWNER, {@code memberIds} (distinct, existing, not the
 * creator) become MEMBERs. The creation is the chat's seq 1, a {@link SystemEvent.Action#CREATED} entry whose
 * {@code userIds} are the initial members.
 */
public record NewGroup(long creatorId, long creatorDeviceId, String messageId, GroupInfo info, GroupSettings settings,
                       List<Long> memberIds, int maxMembers, Instant now) {
}
