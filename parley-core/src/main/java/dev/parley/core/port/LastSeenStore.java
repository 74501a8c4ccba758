package dev.parley.core.port;

import java.time.Instant;
import java.util.Optional;

/** Durable "last seen" times, so they survive restarts of the presence registry. */
public interface LastSeenStore {

    /** Records when the user's last device went offline (later times win; an earlier one is ignored). */
    void saveLastSeen(long userId, Instant at);

    Optional<Instant> lastSeen(long userId);
}
