package dev.parley.core.port;

import dev.parley.core.model.Update;
import java.util.List;

/** A live, authenticated connection of one device, as the core sees it. */
public interface Connection {
    long userId();

    long deviceId();

    /** New durable updates of this user, in cursor order. Must not block: hand off and return. */
    void offer(List<Update> updates);

    /** An ephemeral event (typing, presence) for this connection only. Must not block; may be dropped. */
    void signal(dev.parley.core.model.Signal signal);

    /** Close the connection for {@code reason}; idempotent, non-blocking. */
    void close(CloseReason reason);

    enum CloseReason {
        /** The device was revoked (logout or removed from another device). */
        DEVICE_REVOKED,
        /** The server is shutting down. */
        SHUTDOWN,
        /** The connection could not keep up with its updates. */
        SLOW_CONSUMER
    }
}
