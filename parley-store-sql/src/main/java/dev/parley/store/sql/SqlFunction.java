package dev.parley.store.sql;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of read work on a connection. */
@FunctionalInterface
interface SqlFunction<T> {
    T apply(Connection connection) throws SQLException;
}
