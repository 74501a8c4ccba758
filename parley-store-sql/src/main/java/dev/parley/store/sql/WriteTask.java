package dev.parley.store.sql;

import java.sql.SQLException;

/** A unit of write work, run by the writer inside its own savepoint of a group-commit transaction. */
@FunctionalInterface
interface WriteTask<T> {
    T run(WriteTx tx) throws SQLException;
}
