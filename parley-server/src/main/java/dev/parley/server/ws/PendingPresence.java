package dev.parley.server.ws;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Users whose presence a connection must still send, coalesced: a burst of changes becomes one frame per user with
 * the latest state at the next flush. Created by the session on its first presence change (most idle connections
 * never get one). Thread-safe.
 */
final class PendingPresence {
    private final Set<Long> users = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();

    void addAll(Collection<Long> userIds) {
        users.addAll(userIds);
    }

    /** Marks {@code userId} changed; true when no flush is scheduled yet (the caller schedules one). */
    boolean changed(long userId) {
        users.add(userId);
        return flushScheduled.compareAndSet(false, true);
    }

    /** The users to send now; the next change schedules a new flush. */
    List<Long> take() {
        flushScheduled.set(false);
        List<Long> taken = List.copyOf(users);
        users.removeAll(taken);
        return taken;
    }
}
