package dev.parley.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Small JDBC helpers: positional binding of plain values, row mapping, IN-list placeholders. Every statement of
 * the store goes through {@link #list}, {@link #first}, {@link #update} or {@link #batch}, which reuse the
 * connection's prepared statements when it has a {@link StatementCache} (the SQLite connections).
 */
final class Jdbc {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Reads a whole result set. */
    @FunctionalInterface
    private interface ResultReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** Executes a statement (already prepared, not yet bound). */
    @FunctionalInterface
    private interface StatementWork<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    private Jdbc() {
    }

    static <T> List<T> list(Connection connection, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        return query(connection, sql, params, rows -> {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        });
    }

    static <T> Optional<T> first(Connection connection, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        return query(connection, sql, params, rows -> rows.next() ? Optional.of(mapper.map(rows)) : Optional.empty());
    }

    /** Runs an INSERT/UPDATE/DELETE without RETURNING; returns the affected row count. */
    static int update(Connection connection, String sql, Object... params) throws SQLException {
        return use(connection, sql, statement -> {
            bind(statement, params);
            return statement.executeUpdate();
        });
    }

    /** Runs {@code sql} once per row of parameters, as ONE JDBC batch; nothing when {@code rows} is empty. */
    static void batch(Connection connection, String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        use(connection, sql, statement -> {
            for (Object[] row : rows) {
                bind(statement, row);
                statement.addBatch();
            }
            return statement.executeBatch();
        });
    }

    /** "?, ?, ?" for an IN list of {@code count} values. */
    static String placeholders(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("an IN list needs at least one value, got " + count);
        }
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /**
     * The values of an IN list padded to the next power of two by repeating the last one (which does not change
     * what {@code IN (…)} matches), so that lists of varying length share a few SQL texts, and so a few cached
     * statements; use {@code placeholders(result.length)}.
     */
    static Object[] paddedInList(List<?> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an IN list needs at least one value, got none");
        }
        int size = Integer.highestOneBit(values.size());
        size = size == values.size() ? size : size << 1;
        Object[] padded = new Object[size];
        for (int i = 0; i < size; i++) {
            padded[i] = values.get(Math.min(i, values.size() - 1));
        }
        return padded;
    }

    /** {@code values} in consecutive slices of at most {@code size} (for bounded IN lists). */
    static <T> List<List<T>> chunks(List<T> values, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size must be >= 1, got " + size);
        }
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < values.size(); from += size) {
            chunks.add(values.subList(from, Math.min(values.size(), from + size)));
        }
        return chunks;
    }

    private static <T> T query(Connection connection, String sql, Object[] params, ResultReader<T> reader)
            throws SQLException {
        return use(connection, sql, statement -> {
            bind(statement, params);
            try (ResultSet rows = statement.executeQuery()) {
                return reader.read(rows);
            }
        });
    }

    /**
     * Runs {@code work} on a statement for {@code sql}: the connection's cached one when it has a
     * {@link StatementCache} (given back after a success, closed after a failure), else a new one closed after.
     * {@code work} closes every ResultSet it opens.
     */
    private static <T> T use(Connection connection, String sql, StatementWork<T> work) throws SQLException {
        if (!(connection instanceof StatementCache.Owner owner)) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                return work.run(statement);
            }
        }
        StatementCache cache = owner.statements();
        PreparedStatement statement = cache.take(sql);
        T result;
        try {
            result = work.run(statement);
        } catch (SQLException | RuntimeException | Error e) {
            cache.discard(statement);
            throw e;
        }
        cache.give(sql, statement);
        return result;
    }

    static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            bindOne(statement, i + 1, params[i]);
        }
    }

    private static void bindOne(PreparedStatement statement, int index, Object value) throws SQLException {
        switch (value) {
            case null -> statement.setNull(index, Types.NULL);
            case Long v -> statement.setLong(index, v);
            case Integer v -> statement.setInt(index, v);
            case String v -> statement.setString(index, v);
            case Boolean v -> statement.setBoolean(index, v);
            case byte[] v -> statement.setBytes(index, v);
            default -> throw new IllegalArgumentException(
                    "cannot bind a " + value.getClass().getName() + " at parameter " + index
                            + "; expected Long, Integer, String, Boolean, byte[] or null");
        }
    }

    /** The nullable INTEGER at {@code column}. */
    static Integer nullableInt(ResultSet row, int column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    /** The nullable BIGINT at {@code column}. */
    static Long nullableLong(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
