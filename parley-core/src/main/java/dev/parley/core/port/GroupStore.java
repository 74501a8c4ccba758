package dev.parley.core.port;

import dev.parley.core.model.Group;
import dev.parley.core.model.Invite;
import dev.parley.core.model.JoinRequest;
import dev.parley.core.model.Message;
import dev.parley.core.model.NewGroup;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Groups: creation, membership and info changes as sequenced system entries, invite links and join requests.
 * Every write is one durable step; its update-stream entries go to the {@link UpdateListener} after it.
 */
public interface GroupStore {

    /**
     * Creates the group chat: creator OWNER, members MEMBER (all with joinSeq = 1), and the CREATED system entry
     * at seq 1. Appends to every member's stream a {@code ChatCreated} then the entry's {@code MessageAdded}.
     * Returns the system entry (its chatId is the new chat).
     */
    Message create(NewGroup group);

    Optional<Group> group(long chatId);

    /**
     * One sequenced step: locks the chat, loads its {@code GroupState}, runs {@code command.decide}, and applies
     * the change at seq = lastSeq + 1: memberships (Join: joinSeq = seq, leaveSeq = ∞, delivered/read = seq;
     * Leave: leaveSeq = seq; SetRole), the new info/settings, the system entry (sender = actor). Appends
     * {@code ChatCreated} to newly joined users, then the entry's {@code MessageAdded} to every member active
     * after the change and to every member who left in it. A command that throws writes nothing; its
     * exception reaches the caller unchanged. Empty when the chat is not a group.
     */
    Optional<Message> apply(long chatId, long actorId, long actorDeviceId, String messageId, GroupCommand command,
                            Instant now);

    Invite createInvite(long chatId, long createdBy, String code, boolean approvalRequired, Instant now);

    Optional<Invite> invite(String code);

    /** Valid (not revoked) invites of the chat, newest first. */
    List<Invite> invites(long chatId);

    /** Revokes a valid invite of the chat; false when there is none with that code. */
    boolean revokeInvite(long chatId, String code, Instant now);

    /**
     * Records a pending join request (idempotent per chat and user) and appends a {@code JoinRequested} entry to
     * every active OWNER/ADMIN's stream.
     */
    JoinRequest requestJoin(long chatId, long userId, String inviteCode, Instant now);

    /** Pending requests of the chat, oldest first. */
    List<JoinRequest> joinRequests(long chatId);

    /** Removes a pending request; false when there was none. */
    boolean removeJoinRequest(long chatId, long userId);
}
