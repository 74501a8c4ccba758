package dev.parley.store.sql;

import java.sql.SQLException;
import java.util.Set;

/**
 * The few places where the SQL of the two supported engines differs. Everything else (including
 * {@code INSERT … ON CONFLICT … DO NOTHING}, {@code UPDATE … RETURNING}) is written once and runs on both.
 */
public enum SqlDialect {
    /** SQLite ≥ 3.35 (embedded mode): one process, one writer thread, so no row locks are needed. */
    SQLITE("sqlite", "", null, Set.of()),
    /**
     * PostgreSQL (cluster mode): several nodes may write, so read-then-update paths take a row lock. A batch holds
     * its row locks until its commit, so two nodes' batches can wait on each other; the writer session's short
     * {@code lock_timeout} breaks such a cycle long before the deadlock detector would, and the task that gave
     * up runs again (lock_not_available 55P03, serialization_failure 40001, deadlock_detected 40P01).
     */
    POSTGRESQL("postgresql", " FOR UPDATE", "SET lock_timeout = '100ms'", Set.of("40001", "40P01", "55P03"));

    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    private final String folder;
    private final String forUpdate;
    private final String writerSessionInit;
    private final Set<String> transientStates;

    SqlDialect(String folder, String forUpdate, String writerSessionInit, Set<String> transientStates) {
        this.folder = folder;
        this.forUpdate = forUpdate;
        this.writerSessionInit = writerSessionInit;
        this.transientStates = transientStates;
    }

    /** The Flyway location of this engine's migrations. */
    public String migrations() {
        return "classpath:db/migration/" + folder;
    }

    /** Suffix of a SELECT that must lock the rows it reads until the transaction ends ("" on SQLite). */
    String forUpdate() {
        return forUpdate;
    }

    /**
     * Suffix of a SELECT with joins that must lock only the rows of {@code alias} (PostgreSQL's
     * {@code FOR UPDATE OF alias}); "" on SQLite.
     */
    String forUpdateOf(String alias) {
        return forUpdate.isEmpty() ? "" : forUpdate + " OF " + alias;
    }

    /** SQL run once on each writer connection when it opens, or null. */
    String writerSessionInit() {
        return writerSessionInit;
    }

    /**
     * Whether the failure is a lost race (serialization failure, deadlock, busy database) after which the
     * same task may simply run again.
     */
    boolean isTransient(Throwable failure) {
        if (!(failure instanceof SQLException e)) {
            return false;
        }
        if (this == SQLITE) {
            int primary = e.getErrorCode() & 0xff;
            return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
        }
        return e.getSQLState() != null && transientStates.contains(e.getSQLState());
    }
}
