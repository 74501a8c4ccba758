package dev.parley.client;

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

    /** A new message in one of my chats (my own included, when sent from another device). */
    default void onMessage(Views.Message message, long cursor) {
    }

    /** A member's delivered/read watermarks moved forward in a chat of mine. */
    default void onReceipt(Views.ReceiptEvent receipt) {
    }

    /** A chat I belong to was created. */
    default void onChat(Views.ChatEvent chat) {
    }

    /** Every update that existed when the connection was authenticated has been delivered, up to {@code cursor}. */
    default void onSynced(long cursor) {
    }

    /** The connection changed phase (connecting, syncing, live, reconnecting, closed). */
    default void onStateChanged(ConnectionState state) {
    }
}
