package dev.parley.client;

import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;

/**
 * Receives what the server pushes. All callbacks of one {@link ParleyClient} run on a single dedicated thread,
 * one at a time, in the order the server sent them; implement only the ones you need.
 *
 * <p>An update counts as processed when its callback returns: the client then remembers its cursor (through
 * the {@link CursorStore}) and acknowledges it to the server, so it is never delivered again to this
 * device. A callback that throws is logged and the update still counts as processed (one broken event must
 * not stall the stream). Do not block inside callbacks waiting for a future of the same client: futures are
 * completed on this same thread.
 */
public interface Listener {

    /**
     * A new entry in one of my chats (my own messages included, when sent from another device). In groups this
     * includes the <em>system entries</em> that announce membership and group changes (created, added, removed,
     * left, joined, role_changed, owner_changed, info_changed, settings_changed): {@code message.kind()} is
     * {@code "system"}, {@code message.system()} says what happened and {@code message.text()} is null. They take
     * a seq like any message. After the entry that removes me from a group (action {@code removed} or
     * {@code left} naming me) nothing more of that chat arrives.
     */
    default void onMessage(Views.Message message, long cursor) {
    }

    /**
     * A member's delivered/read watermarks moved forward in a chat of mine. In groups only my own watermarks
     * come this way (after I read on another device); others' progress comes as {@link #onGroupReceipt}.
     */
    default void onReceipt(Views.ReceiptEvent receipt) {
    }

    /**
     * In a group, every other active member has delivered ({@code deliveredSeq}) / read ({@code readSeq}) the
     * chat up to these seqs: ✓✓ / blue ✓✓ for my messages with a seq at or below them. Per-member times are
     * available through {@link ParleyClient#messageInfo(long, long)}.
     */
    default void onGroupReceipt(Views.GroupReceiptEvent receipt) {
    }

    /**
     * A chat I belong to was created, or I became a member of a group (created with me, added, joined through
     * an invite). For a group, the system entry announcing it follows as {@link #onMessage}.
     */
    default void onChat(Views.ChatEvent chat) {
    }

    /**
     * Someone asked to join a group I administer through an invite link that needs approval; answer with
     * {@link ParleyClient#answerJoinRequest(long, long, boolean)}.
     */
    default void onJoinRequest(Views.JoinRequestEvent request) {
    }

    /**
     * Entries of a chat are gone from the server: reason "timer" — the chat's disappearing-message timer ran out,
     * delete your copies of {@code fromSeq..toSeq}; "ttl" — they were not delivered to this device in time, the
     * seqs of the range you do not have are lost (or only in history, when the server keeps history).
     */
    default void onExpired(Views.ExpiredEvent expired) {
    }

    /**
     * The presence of a user I watch: pushed when it changes (at most about once per user per second, latest state
     * winning), once per implicitly watched user after each {@code synced} (my contacts and the peers of my direct
     * chats), and for every user in the answer to {@link ParleyClient#watchPresence} — mine, and the client's own
     * re-watch after each reconnect. So the latest call for a user is always their current state as far as this
     * client knows. {@code online()} and {@code lastSeen()} are null when that user's privacy settings (or mine,
     * reciprocally) hide them from me, or when either of us blocked the other. Not part of the update stream: never
     * replayed, nothing to acknowledge.
     */
    default void onPresence(Views.Presence presence) {
    }

    /**
     * Someone in one of my chats is typing, recording, or stopped ({@code typing.state()}: "typing", "recording",
     * "stopped"; treat an unknown state like "typing"). Only sent while I am connected, never stored or replayed.
     * Clear the indicator after {@code typing.expiresInMs()}, on "stopped", or when a message from that user arrives
     * in that chat; {@link TypingTracker} does exactly that.
     */
    default void onTyping(ServerFrame.TypingFrame typing) {
    }

    /** Every update that existed when the connection was authenticated has been delivered, up to {@code cursor}. */
    default void onSynced(long cursor) {
    }

    /** The connection changed phase (connecting, syncing, live, reconnecting, closed). */
    default void onStateChanged(ConnectionState state) {
    }
}
