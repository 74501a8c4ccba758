package dev.parley.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prepared statements of ONE connection, by SQL text, least recently used evicted beyond a capacity. Why:
 * sqlite-jdbc has no statement cache (every {@code prepareStatement} is a {@code sqlite3_prepare}, about a third
 * of the writer's CPU before this cache), and a statement stays valid across commits, rollbacks and savepoint
 * rollbacks (SQLite re-prepares it by itself if the schema changes).
 *
 * <p>Contract (used by {@link Jdbc} only): {@link #take} hands out a statement that nobody else holds (a cached
 * one is removed while in use, so a nested use of the same text on the same connection gets a fresh one);
 * {@link #give} puts it back after a successful use, its parameters and batch cleared (every ResultSet of it must
 * be closed by then, which resets the SQLite statement, so it holds no read snapshot); {@link #discard} closes a
 * statement whose use threw, so a statement is never reused after a failure. Not thread-safe: a connection is
 * used by one thread at a time, and the pool's hand-over orders the accesses.
 */
final class StatementCache implements AutoCloseable {
    /** Implemented by the connections that have a cache (the pooled SQLite ones); {@link Jdbc} looks for it. */
    interface Owner {
        StatementCache statements() throws SQLException;
    }

    private static final Logger log = LoggerFactory.getLogger(StatementCache.class);

    private final Connection connection;
    private final Map<String, PreparedStatement> statements;
    private long prepared;
    private boolean closed;

    /** A cache of at most {@code capacity} idle statements of {@code connection} (the raw one, not a wrapper). */
    StatementCache(Connection connection, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("statement cache capacity must be >= 1, got " + capacity);
        }
        this.connection = connection;
        this.statements = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                if (size() <= capacity) {
                    return false;
                }
                closeQuietly(eldest.getValue());
                return true;
            }
        };
    }

    /** The cached statement for {@code sql}, now held by the caller, or a newly prepared one. */
    PreparedStatement take(String sql) throws SQLException {
        if (closed) {
            throw new SQLException("the statement cache of this connection is closed; cannot prepare: " + sql);
        }
        PreparedStatement cached = statements.remove(sql);
        if (cached != null) {
            return cached;
        }
        prepared++;
        return connection.prepareStatement(sql);
    }

    /** Puts back a statement after a successful use; closes it instead if it cannot be cleared or is a spare. */
    void give(String sql, PreparedStatement statement) {
        try {
            statement.clearParameters();
            statement.clearBatch();
        } catch (SQLException e) {
            log.debug("closing a statement that could not be cleared for reuse: {}", e.toString());
            closeQuietly(statement);
            return;
        }
        if (closed || statements.containsKey(sql)) {
            closeQuietly(statement);
            return;
        }
        statements.put(sql, statement);
    }

    /** Closes a statement whose use failed: it is not reused. */
    void discard(PreparedStatement statement) {
        closeQuietly(statement);
    }

    /** How many statements were prepared (cache misses) so far; for tests. */
    long prepared() {
        return prepared;
    }

    /** Idle statements held; for tests. */
    int size() {
        return statements.size();
    }

    /** Closes every idle statement; statements handed out are closed when given back. */
    @Override
    public void close() {
        closed = true;
        List<PreparedStatement> idle = new ArrayList<>(statements.values());
        statements.clear();
        idle.forEach(StatementCache::closeQuietly);
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            log.debug("closing a cached statement failed: {}", e.toString());
        }
    }
}
