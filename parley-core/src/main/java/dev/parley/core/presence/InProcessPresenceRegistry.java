package dev.parley.core.presence;

import dev.parley.core.model.Presence;
import dev.parley.core.port.PresenceRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Presence of one process's connections. State per user: live connections with their last heartbeat, and —
 * once the last one is gone — the moment it went (the grace period runs from there). Synchronized: calls are
 * short and in-memory.
 *
 * <p>Memory: an idle connection costs one pair of longs in its user's array (a user has few connections), not a
 * map entry with boxed keys and an {@code Instant} per connection (docs/benchmarks.md, B3).
 */
public final class InProcessPresenceRegistry implements PresenceRegistry {
    private static final long[] NONE = new long[0];
    private final Duration timeout;
    private final Duration grace;
    private final Map<Long, UserState> users = new HashMap<>();

    private static final class UserState {
        /** Pairs: connection id, then its last heartbeat in epoch nanos. */
        long[] connections = NONE;
        boolean online;
        Instant lastSeen;
        Instant goneSince;

        int indexOf(long connectionId) {
            for (int i = 0; i < connections.length; i += 2) {
                if (connections[i] == connectionId) {
                    return i;
                }
            }
            return -1;
        }

        void beat(long connectionId, Instant now) {
            int i = indexOf(connectionId);
            if (i < 0) {
                i = connections.length;
                connections = Arrays.copyOf(connections, i + 2);
                connections[i] = connectionId;
            }
            connections[i + 1] = nanos(now);
        }

        void remove(long connectionId) {
            int i = indexOf(connectionId);
            if (i < 0) {
                return;
            }
            long[] rest = new long[connections.length - 2];
            System.arraycopy(connections, 0, rest, 0, i);
            System.arraycopy(connections, i + 2, rest, i, rest.length - i);
            connections = rest.length == 0 ? NONE : rest;
        }

        boolean connected() {
            return connections.length > 0;
        }

        /** The latest heartbeat of any connection; only with {@link #connected()}. */
        Instant latestBeat() {
            long latest = Long.MIN_VALUE;
            for (int i = 1; i < connections.length; i += 2) {
                latest = Math.max(latest, connections[i]);
            }
            return Instant.ofEpochSecond(0, latest);
        }
    }

    public InProcessPresenceRegistry(Duration timeout, Duration grace) {
        this.timeout = timeout;
        this.grace = grace;
    }

    @Override
    public synchronized Optional<Presence> connected(long userId, long connectionId, Instant now) {
        UserState s = users.computeIfAbsent(userId, k -> new UserState());
        s.beat(connectionId, now);
        s.goneSince = null;
        if (s.online) {
            return Optional.empty();
        }
        s.online = true;
        return Optional.of(new Presence(userId, true, null));
    }

    @Override
    public synchronized Optional<Presence> heartbeat(long userId, long connectionId, Instant now) {
        UserState s = users.get(userId);
        if (s == null || s.indexOf(connectionId) < 0) {
            return Optional.empty();
        }
        s.beat(connectionId, now);
        if (s.online) {
            return Optional.empty();
        }
        s.online = true;
        s.goneSince = null;
        return Optional.of(new Presence(userId, true, null));
    }

    @Override
    public synchronized void disconnected(long userId, long connectionId, Instant now) {
        UserState s = users.get(userId);
        if (s == null || s.indexOf(connectionId) < 0) {
            return;
        }
        s.remove(connectionId);
        if (!s.connected() && s.online && s.goneSince == null) {
            s.goneSince = now;
        }
    }

    @Override
    public synchronized List<Presence> sweep(Instant now) {
        List<Presence> changes = new ArrayList<>();
        for (Map.Entry<Long, UserState> e : users.entrySet()) {
            UserState s = e.getValue();
            if (!s.online) {
                continue;
            }
            Instant gone = s.connected() ? lastLiveHeartbeat(s, now) : s.goneSince;
            if (gone != null && !now.isBefore(gone.plus(grace))) {
                s.online = false;
                s.lastSeen = gone;
                s.goneSince = null;
                changes.add(new Presence(e.getKey(), false, gone));
            }
        }
        return changes;
    }

    @Override
    public synchronized Presence presence(long userId) {
        UserState s = users.get(userId);
        return s == null ? new Presence(userId, false, null) : new Presence(userId, s.online, s.online ? null : s.lastSeen);
    }

    /** When every connection's heartbeats stopped (the latest heartbeat), or null if one is still within the timeout. */
    private Instant lastLiveHeartbeat(UserState s, Instant now) {
        Instant latest = s.latestBeat();
        return now.isAfter(latest.plus(timeout)) ? latest : null;
    }

    private static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }
}
