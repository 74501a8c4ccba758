package dev.parley.core.port;

import dev.parley.core.model.Presence;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who is online, from live connections and their heartbeats (ARCHITECTURE.md §2.7). In-process for embedded
 * mode; a cluster adapter shares it across nodes. Times come from the caller (a controllable clock).
 *
 * <p>A user is online while at least one of their connections is registered and heartbeated within the
 * timeout. When the last one closes or times out, the user stays online for a grace period; a reconnect in
 * it changes nothing (no offline/online flap). After it, the user is offline with lastSeen = the moment the
 * last connection closed or last heartbeated.
 */
public interface PresenceRegistry {

    /** A connection of the user came up. Returns the change if the user was offline (not within the grace period). */
    Optional<Presence> connected(long userId, long connectionId, Instant now);

    /**
     * Any sign of life on the connection (a frame, a pong) of {@code userId}; a connection that is not (or no longer)
     * registered is ignored. Returns the change if it brings the user back
     * online after a heartbeat timeout.
     */
    Optional<Presence> heartbeat(long userId, long connectionId, Instant now);

    /** The connection closed. Never changes presence at once (grace period); {@link #sweep} does. */
    void disconnected(long userId, long connectionId, Instant now);

    /**
     * Applies timeouts and ends grace periods as of {@code now}; returns the users who went offline (with their
     * lastSeen). Called periodically.
     */
    List<Presence> sweep(Instant now);

    /** The current presence of a user; offline users carry their last known lastSeen (may be null). */
    Presence presence(long userId);
}
