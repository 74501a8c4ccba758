package dev.parley.core.routing;

import dev.parley.core.model.Update;
import dev.parley.core.port.Connection;
import dev.parley.core.port.ConnectionRegistry;
import dev.parley.core.port.UpdateListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes durable update-stream entries to the live connections of their users. Runs on the store's
 * writer thread, so it only groups entries per user (keeping their order) and offers them; each
 * connection delivers on its own executor.
 */
public final class Fanout implements UpdateListener {
    private final ConnectionRegistry registry;

    public Fanout(ConnectionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void appended(List<Update> updates) {
        Map<Long, List<Update>> byUser = new LinkedHashMap<>();
        for (Update u : updates) {
            byUser.computeIfAbsent(u.userId(), k -> new ArrayList<>(4)).add(u);
        }
        byUser.forEach((userId, list) -> {
            for (Connection c : registry.connectionsOf(userId)) {
                c.offer(list);
            }
        });
    }
}
