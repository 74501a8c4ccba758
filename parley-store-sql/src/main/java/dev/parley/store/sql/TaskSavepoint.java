package dev.parley.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * The savepoint around one task of a group-commit batch. On SQLite it is plain SQL on the connection's cached
 * statements ({@code SAVEPOINT parley_task}, {@code RELEASE …}, {@code ROLLBACK TO …} then {@code RELEASE …}, so
 * the stack stays flat): sqlite-jdbc's JDBC savepoints format a new name and prepare the statement again each
 * time, twice per task. A reused name is safe because a task's savepoint is always released (or rolled back and
 * released) before the next task sets its own. On PostgreSQL the driver's JDBC savepoints are used as they are.
 */
final class TaskSavepoint {
    private static final String SQLITE_SET = "SAVEPOINT parley_task";
    private static final String SQLITE_RELEASE = "RELEASE parley_task";
    private static final String SQLITE_ROLLBACK = "ROLLBACK TO parley_task";

    private final Connection connection;
    private final Savepoint jdbc;

    private TaskSavepoint(Connection connection, Savepoint jdbc) {
        this.connection = connection;
        this.jdbc = jdbc;
    }

    static TaskSavepoint set(Connection connection, SqlDialect dialect) throws SQLException {
        if (dialect != SqlDialect.SQLITE) {
            return new TaskSavepoint(connection, connection.setSavepoint());
        }
        Jdbc.update(connection, SQLITE_SET);
        return new TaskSavepoint(connection, null);
    }

    /** Keeps what the task wrote (until the batch commits). */
    void release() throws SQLException {
        if (jdbc != null) {
            connection.releaseSavepoint(jdbc);
            return;
        }
        Jdbc.update(connection, SQLITE_RELEASE);
    }

    /** Undoes what the task wrote. */
    void rollback() throws SQLException {
        if (jdbc != null) {
            connection.rollback(jdbc);
            return;
        }
        Jdbc.update(connection, SQLITE_ROLLBACK);
        Jdbc.update(connection, SQLITE_RELEASE);
    }
}
