package dev.parley.core.presence;

import dev.parley.core.model.Presence;
import dev.parley.core.port.PresenceRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Presence of one process's connections. State per user: live connections with their last heartbeat, and —
 * once the last one is gone — the moment it went (the grace period runs from there). Synchronized: calls are
 * short and in-memory.
 */
public final class InProcessPresenceRegistry implements PresenceRegistry {
    private final Duration timeout;
    private final Duration grace;
    private final Map<Long, UserState> users = new HashMap<>();
    private final Map<Long, Long> userOfConnection = new HashMap<>();

    private static final class UserState {
        final Map<Long, Instant> connections = new HashMap<>();
        boolean online;
        Instant lastSeen;
        Instant goneSince;
    }

    public InProcessPresenceRegistry(Duration timeout, Duration grace) {
        this.timeout = timeout;
        this.grace = grace;
    }

    @Override
    public synchronized Optional<Presence> connected(long userId, long connectionId, Instant now) {
        UserState s = users.computeIfAbsent(userId, k -> new UserState());
        s.connections.put(connectionId, now);
        userOfConnection.put(connectionId, userId);
        s.goneSince = null;
        if (s.online) {
            return Optional.empty();
        }
        s.online = true;
        return Optional.of(new Presence(userId, true, null));
    }

    @Override
    public synchronized Optional<Presence> heartbeat(long connectionId, Instant now) {
        Long userId = userOfConnection.get(connectionId);
        if (userId == null) {
            return Optional.empty();
        }
        UserState s = users.get(userId);
        s.connections.put(connectionId, now);
        if (s.online) {
            return Optional.empty();
        }
        s.online = true;
        s.goneSince = null;
        return Optional.of(new Presence(userId, true, null));
    }

    @Override
    public synchronized void disconnected(long connectionId, Instant now) {
        Long userId = userOfConnection.remove(connectionId);
        if (userId == null) {
            return;
        }
        UserState s = users.get(userId);
        s.connections.remove(connectionId);
        if (s.connections.isEmpty() && s.online && s.goneSince == null) {
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
            Instant gone = s.connections.isEmpty() ? s.goneSince : lastLiveHeartbeat(s, now);
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
        Instant latest = s.connections.values().stream().max(Instant::compareTo).orElseThrow();
        return now.isAfter(latest.plus(timeout)) ? latest : null;
    }
}
