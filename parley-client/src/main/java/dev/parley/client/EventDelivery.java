package dev.parley.client;

import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;

/**
 * Hands updates to the {@link Listener} exactly once each, in cursor order, and remembers the last processed
 * cursor. An update whose cursor is not above the last processed one is a duplicate (a replay after a
 * reconnect, say) and is dropped. Runs on the callback thread only; {@link #processed()} may be read from any
 * thread.
 */
final class EventDelivery {
    private static final System.Logger LOG = System.getLogger(EventDelivery.class.getName());

    private final Listener listener;
    private final CursorStore store;
    private volatile long processed;

    EventDelivery(Listener listener, CursorStore store) {
        this.listener = listener;
        this.store = store;
        this.processed = store.load().orElse(0);
    }

    /** The cursor of the last processed update; 0 when none. */
    long processed() {
        return processed;
    }

    /**
     * The server resumes delivery after {@code serverCursor}; when that is ahead of us (a new device, or a lost
     * cursor file) nothing at or below it will come, so it becomes the processed position.
     */
    void resumeAt(long serverCursor) {
        if (serverCursor > processed) {
            advance(serverCursor);
        }
    }

    /** Delivers {@code update} unless it is a duplicate; true when it was processed now. */
    boolean deliver(ServerFrame.Update update) {
        if (update.cursor() <= processed) {
            return false;
        }
        try {
            dispatch(update);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "listener failed on update " + update.cursor()
                    + "; it counts as processed", e);
        }
        advance(update.cursor());
        return true;
    }

    private void dispatch(ServerFrame.Update update) {
        switch (update.event()) {
            case Views.MessageEvent m -> listener.onMessage(m.message(), update.cursor());
            case Views.ReceiptEvent r -> listener.onReceipt(r);
            case Views.ChatEvent c -> listener.onChat(c);
            case Views.GroupReceiptEvent g -> listener.onGroupReceipt(g);
            case Views.JoinRequestEvent j -> listener.onJoinRequest(j);
            case Views.ExpiredEvent e -> listener.onExpired(e);
            case null -> LOG.log(System.Logger.Level.DEBUG, "skipping update " + update.cursor()
                    + " of a kind this client does not know");
        }
    }

    private void advance(long cursor) {
        processed = cursor;
        try {
            store.save(cursor);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot persist cursor " + cursor, e);
        }
    }
}
