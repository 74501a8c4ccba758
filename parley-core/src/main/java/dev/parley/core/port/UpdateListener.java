package dev.parley.core.port;

import dev.parley.core.model.Update;
import java.util.List;

/**
 * Receives update-stream entries after they are durable, in cursor order per user. Called on the store's
 * writer thread: implementations must hand the entries off and return at once, never block.
 */
@FunctionalInterface
public interface UpdateListener {
    void appended(List<Update> updates);
}
