package dev.parley.client;

import java.util.OptionalLong;

/**
 * Where a {@link ParleyClient} keeps the cursor of the last update it processed, so that a restarted client
 * resumes after it. The cursor belongs to one user's update stream: use a fresh store after logging in as a
 * different user or device.
 */
public interface CursorStore {

    /** The last processed cursor, or empty when nothing was processed yet. */
    OptionalLong load();

    /**
     * Remembers {@code cursor} as processed. Called on the client's callback thread after every processed
     * update (and when the server reports a newer starting point), with increasing values; keep it fast.
     */
    void save(long cursor);

    /** A store that lives only as long as the process. */
    static CursorStore inMemory() {
        return new InMemoryCursorStore();
    }
}
