package dev.parley.store.sql;

/** A database failure the caller cannot fix (connection lost, disk full, constraint broken by a bug). */
public final class SqlStoreException extends RuntimeException {
    public SqlStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
