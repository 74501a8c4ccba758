package dev.parley.core.port;

import dev.parley.core.model.Update;
import java.util.List;

/** The per-user update stream (ARCHITECTURE.md §3): the inbox every device of a user reads from its cursor. */
public interface UpdateStream {

    /** Entries with cursor &gt; {@code afterCursor}, ascending, at most {@code limit}. */
    List<Update> read(long userId, long afterCursor, int limit);

    /** The newest cursor of the user's stream (0 when empty). */
    long head(long userId);

    /** The device's acknowledged cursor (0 when it never acknowledged; -1 when the device does not exist). */
    long ackedCursor(long deviceId);

    /**
     * Registers the listener that receives every appended entry after it is durable, in cursor order per user.
     * One listener per store; a later call replaces the earlier one.
     */
    void listen(UpdateListener listener);
}
