package dev.parley.core.routing;

import dev.parley.core.port.Connection;
import dev.parley.core.port.ConnectionRegistry;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connection registry of one process: userId → that user's connections (a user has few). Each user's connections
 * are an immutable array replaced on change (copy-on-write inside {@code compute}): one small array per user instead
 * of a list object with its own array and lock (docs/benchmarks.md, B3).
 */
public final class InProcessConnectionRegistry implements ConnectionRegistry {
    private static final Connection[] NONE = new Connection[0];
    private final Map<Long, Connection[]> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();

    @Override
    public void register(Connection connection) {
        byUser.compute(connection.userId(), (k, list) -> {
            Connection[] l = list == null ? NONE : list;
            Connection[] grown = Arrays.copyOf(l, l.length + 1);
            grown[l.length] = connection;
            return grown;
        });
        size.incrementAndGet();
    }

    @Override
    public void unregister(Connection connection) {
        byUser.computeIfPresent(connection.userId(), (k, list) -> {
            int i = Arrays.asList(list).indexOf(connection);
            if (i < 0) {
                return list;
            }
            size.decrementAndGet();
            if (list.length == 1) {
                return null;
            }
            Connection[] rest = new Connection[list.length - 1];
            System.arraycopy(list, 0, rest, 0, i);
            System.arraycopy(list, i + 1, rest, i, rest.length - i);
            return rest;
        });
    }

    @Override
    public Collection<Connection> connectionsOf(long userId) {
        Connection[] list = byUser.get(userId);
        return list == null ? List.of() : List.of(list);
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
        byUser.values().forEach(list -> {
            for (Connection c : list) {
                c.close(reason);
            }
        });
    }
}
