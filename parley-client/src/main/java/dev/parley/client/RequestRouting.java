package dev.parley.client;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ServerFrame;

/**
 * Which requests may be transmitted again after a reconnect, and which request a server frame answers. Both
 * switches are exhaustive, so a new frame type of the protocol does not compile until it is decided here.
 */
final class RequestRouting {
    private RequestRouting() {
    }

    /**
     * True when transmitting {@code frame} twice has the effect of transmitting it once, so a request whose
     * answer was lost with its connection can simply be sent again. Group changes are not: a repeated
     * {@code addMembers} is refused ("already a member"), a repeated {@code editGroup} writes a second system
     * entry, a repeated {@code createGroup} creates a second group. Those fail with
     * {@link ParleyOutcomeUnknownException} instead (see {@link Traffic#connectionLost}).
     */
    static boolean resendable(ClientFrame frame) {
        return switch (frame) {
            case ClientFrame.Auth a -> true;
            case ClientFrame.Ping p -> true;
            case ClientFrame.OpenDirect o -> true;
            case ClientFrame.Send s -> true;
            case ClientFrame.Ack a -> true;
            case ClientFrame.Read r -> true;
            case ClientFrame.GetChats g -> true;
            case ClientFrame.GetHistory g -> true;
            case ClientFrame.SetSettings s -> true;
            case ClientFrame.GetInvites g -> true;
            case ClientFrame.GetJoinRequests g -> true;
            case ClientFrame.GetMessageInfo g -> true;
            // a member who asks again gets "chat" again; a pending request is recorded once per user and group
            case ClientFrame.JoinByInvite j -> true;
            // presence, contacts and blocking: watching, adding (or renaming), removing, blocking and unblocking
            // twice leaves the same state as once; lookups and listings change nothing
            case ClientFrame.WatchPresence w -> true;
            case ClientFrame.AddContact a -> true;
            case ClientFrame.RemoveContact r -> true;
            case ClientFrame.GetContacts g -> true;
            case ClientFrame.LookupPhones l -> true;
            case ClientFrame.Block b -> true;
            case ClientFrame.Unblock u -> true;
            case ClientFrame.GetBlocked g -> true;
            // never a request: sent without an id and only on a ready connection (ParleyClient#typing)
            case ClientFrame.Typing t -> true;
            case ClientFrame.CreateGroup c -> false;
            case ClientFrame.AddMembers a -> false;
            case ClientFrame.RemoveMember r -> false;
            case ClientFrame.LeaveGroup l -> false;
            case ClientFrame.SetRole s -> false;
            case ClientFrame.TransferOwnership t -> false;
            case ClientFrame.EditGroup e -> false;
            case ClientFrame.SetGroupSettings s -> false;
            // each change is a system entry of its own
            case ClientFrame.SetTimer t -> false;
            case ClientFrame.CreateInvite c -> false;
            case ClientFrame.RevokeInvite r -> false;
            case ClientFrame.AnswerJoinRequest a -> false;
        };
    }

    /**
     * The id of the request {@code frame} answers; null for pushed frames ({@code update}, {@code synced},
     * {@code presence}, {@code typing}).
     */
    static String responseId(ServerFrame frame) {
        return frame instanceof ServerFrame.Response r ? r.id() : null;
    }

    /** The frame's wire type name, for messages: {@code AddMembers} → {@code addMembers}. */
    static String typeName(ClientFrame frame) {
        String simple = frame.getClass().getSimpleName();
        return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }
}
