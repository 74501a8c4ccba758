package dev.parley.client;

import java.util.OptionalLong;

/** A {@link CursorStore} in memory; thread-safe. */
public final class InMemoryCursorStore implements CursorStore {
    private long cursor = -1;

    /** {@inheritDoc} */
    @Override
    public synchronized OptionalLong load() {
        return cursor < 0 ? OptionalLong.empty() : OptionalLong.of(cursor);
    }

    /** {@inheritDoc} */
    @Override
    public synchronized void save(long cursor) {
        this.cursor = cursor;
    }
}
