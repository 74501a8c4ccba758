package dev.parley.store.sql;

import dev.parley.core.model.Update;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * What one {@link WriteTask} sees: the writer's connection (inside the task's savepoint), a collector of the
 * update-stream entries it appended (handed to the listener after commit) and a way to undo its own changes
 * while still returning a value.
 */
final class WriteTx {
    private final Connection connection;
    private final EntryAges entryAges;
    private final SqlDialect dialect;
    private final List<Update> appended = new ArrayList<>();
    private boolean discarded;

    WriteTx(Connection connection, EntryAges entryAges, SqlDialect dialect) {
        this.connection = connection;
        this.entryAges = entryAges;
        this.dialect = dialect;
    }

    SqlDialect dialect() {
        return dialect;
    }

    Connection connection() {
        return connection;
    }

    /** The database's entry-age floor, lowered by every appended entry (see {@link EntryAges}). */
    EntryAges entryAges() {
        return entryAges;
    }

    /** Records entries written by this task, in cursor order per user. */
    void appended(List<Update> updates) {
        appended.addAll(updates);
    }

    /** Rolls back everything this task wrote once it returns; its result is still delivered to the caller. */
    void discard() {
        discarded = true;
    }

    boolean discarded() {
        return discarded;
    }

    List<Update> updates() {
        return discarded ? List.of() : List.copyOf(appended);
    }
}
