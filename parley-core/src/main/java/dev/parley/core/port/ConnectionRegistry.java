package dev.parley.core.port;

import java.util.Collection;

/**
 * Where the live connections are. In-process for embedded mode; a cluster adapter routes across nodes.
 */
public interface ConnectionRegistry {

    void register(Connection connection);

    void unregister(Connection connection);

    /** Live connections of a user on this node (a snapshot). */
    Collection<Connection> connectionsOf(long userId);

    /** Closes every connection of the device, on every node, with {@code reason}. */
    void closeDevice(long userId, long deviceId, Connection.CloseReason reason);

    /** Number of live connections on this node. */
    int size();
}
