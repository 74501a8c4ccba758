package dev.parley.core.model;

/**
 * A page of history. {@code before} set: the newest {@code limit} messages with seq &lt; before;
 * {@code after} set: the oldest {@code limit} with seq &gt; after; neither: the newest {@code limit}.
 */
public record HistoryQuery(Long before, Long after, int limit) {
    public HistoryQuery {
        if (before != null && after != null) {
            throw new IllegalArgumentException("before and after are exclusive");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
    }
}
