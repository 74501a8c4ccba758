package dev.parley.core.routing;

import dev.parley.core.port.Connection;
import dev.parley.core.port.ConnectionRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Connection registry of one process: userId → that user's connections (a user has few). */
public final class InProcessConnectionRegistry implements ConnectionRegistry {
    private final Map<Long, List<Connection>> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();

    @Override
    public void register(Connection connection) {
        byUser.compute(connection.userId(), (k, list) -> {
            List<Connection> l = list == null ? new CopyOnWriteArrayList<>() : list;
            l.add(connection);
            return l;
        });
        size.incrementAndGet();
    }

    @Override
    public void unregister(Connection connection) {
        byUser.computeIfPresent(connection.userId(), (k, list) -> {
            if (list.remove(connection)) {
                size.decrementAndGet();
            }
            return list.isEmpty() ? null : list;
        });
    }

    @Override
    public Collection<Connection> connectionsOf(long userId) {
        List<Connection> list = byUser.get(userId);
        return list == null ? List.of() : List.copyOf(list);
    }

    @Override
    public void closeDevice(long userId, long deviceId, Connection.CloseReason reason) {
        for (Connection c : connectionsOf(userId)) {
            if (c.deviceId() == deviceId) {
                c.close(reason);
            }
        }
    }

    @Override
    public int size() {
        return size.get();
    }

    /** Closes every connection (shutdown). */
    public void closeAll(Connection.CloseReason reason) {
        byUser.values().forEach(list -> list.forEach(c -> c.close(reason)));
    }
}
