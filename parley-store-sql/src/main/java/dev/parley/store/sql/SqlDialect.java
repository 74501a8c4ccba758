package dev.parley.store.sql;

import java.sql.SQLException;
import java.util.Set;

/**
 * The few places where the SQL of the two supported engines differs. Everything else (including
 * {@code INSERT … ON CONFLICT … DO NOTHING}, {@code UPDATE … RETURNING}) is written once and runs on both.
 */
public enum SqlDialect {
    /** SQLite ≥ 3.35 (embedded mode): one process, one writer thread, so no row locks are needed. */
    SQLITE("sqlite", "", Set.of()),
    /** PostgreSQL (cluster mode): several nodes may write, so read-then-update paths take a row lock. */
    POSTGRESQL("postgresql", " FOR UPDATE", Set.of("40001", "40P01"));

    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    private final String folder;
    private final String forUpdate;
    private final Set<String> transientStates;

    SqlDialect(String folder, String forUpdate, Set<String> transientStates) {
        this.folder = folder;
        this.forUpdate = forUpdate;
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
