package dev.parley.store.sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the writer and the readers get a connection (a pool): closing the connection gives it back. The borrower
 * ends its transaction (commit or rollback) before it gives the connection back.
 */
@FunctionalInterface
interface ConnectionSource {
    Connection borrow() throws SQLException;
}
