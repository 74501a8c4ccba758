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

/** Small JDBC helpers: positional binding of plain values, row mapping, IN-list placeholders. */
final class Jdbc {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private Jdbc() {
    }

    static <T> List<T> list(Connection connection, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params);
             ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        }
    }

    static <T> Optional<T> first(Connection connection, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params);
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(mapper.map(rows)) : Optional.empty();
        }
    }

    /** Runs an INSERT/UPDATE/DELETE without RETURNING; returns the affected row count. */
    static int update(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params)) {
            return statement.executeUpdate();
        }
    }

    /** "?, ?, ?" for an IN list of {@code count} values. */
    static String placeholders(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("an IN list needs at least one value, got " + count);
        }
        return String.join(", ", Collections.nCopies(count, "?"));
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

    static PreparedStatement prepare(Connection connection, String sql, Object... params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            bind(statement, params);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
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
