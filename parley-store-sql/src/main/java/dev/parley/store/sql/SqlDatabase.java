package dev.parley.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.core.port.UpdateListener;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * One database: its dialect, the migrations (Flyway, run at open unless the schema is already current), a small
 * pool of read connections and the single {@link GroupCommitWriter} through which every write goes.
 *
 * <p>Connections: on SQLite the writer keeps ONE connection for its lifetime and the readers share
 * {@value #READ_CONNECTIONS} long-lived ones ({@link SqliteConnections}), each with a cache of
 * {@value #STATEMENT_CACHE} prepared statements ({@link StatementCache}), because sqlite-jdbc prepares every
 * statement anew otherwise. On PostgreSQL both are HikariCP pools: pgjdbc already caches its server-side prepared
 * statements per physical connection (after {@code prepareThreshold} = 5 uses of a SQL text), across the
 * statement objects Hikari closes, so a cache of ours would add nothing there.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=FULL} (a commit returns only after the WAL is fsync'd),
 * a busy timeout and foreign keys on; WAL lets the readers run next to the writer. PostgreSQL uses the same
 * writer; its read-then-write paths take row locks so several nodes may write the same database.
 */
public final class SqlDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqlDatabase.class);
    private static final int READ_CONNECTIONS = 4;
    private static final int MAX_BATCH = 256;
    private static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;
    /** Statements kept per SQLite connection: the store has fewer distinct texts (IN lists are padded). */
    private static final int STATEMENT_CACHE = 256;

    private final SqlDialect dialect;
    private final Pools pools;
    private final GroupCommitWriter writer;
    private final EntryAges entryAges = new EntryAges();
    private volatile UpdateListener listener = updates -> { };

    private SqlDatabase(SqlDialect dialect, DataSource raw, String name, String location) {
        this.dialect = dialect;
        migrate(dialect, raw, location);
        this.pools = dialect == SqlDialect.SQLITE ? sqlitePools(raw, name) : hikariPools(raw, name);
        this.writer = new GroupCommitWriter(pools.writer(), dialect, MAX_BATCH, () -> listener, entryAges);
    }

    /** Where the writer and the readers get their connections, and what closes them all. */
    private record Pools(ConnectionSource writer, ConnectionSource readers, AutoCloseable writerPool,
                         AutoCloseable readerPool) {
        void close() {
            closeQuietly(readerPool);
            closeQuietly(writerPool);
        }

        private static void closeQuietly(AutoCloseable pool) {
            try {
                pool.close();
            } catch (Exception e) {
                log.warn("closing a connection pool failed", e);
            }
        }
    }

    /** Opens (creating and migrating if needed) the SQLite database in {@code file}. */
    public static SqlDatabase sqlite(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
        // the store never asks for generated keys (ids come back with RETURNING); left on, sqlite-jdbc runs
        // 'SELECT last_insert_rowid()' on a new statement (a prepare) after every INSERT
        config.setGetGeneratedKeys(false);
        SQLiteDataSource raw = new SQLiteDataSource(config);
        raw.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        log.info("opening SQLite database {}", file.toAbsolutePath());
        return new SqlDatabase(SqlDialect.SQLITE, raw, "parley-sqlite", file.toAbsolutePath().toString());
    }

    /**
     * Opens the PostgreSQL database at {@code jdbcUrl} (e.g. {@code jdbc:postgresql://host:5432/parley}, with
     * {@code ?currentSchema=…} to use a schema other than {@code public}; the schema must exist) and migrates it.
     */
    public static SqlDatabase postgres(String jdbcUrl, String user, String password) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("expected a jdbc:postgresql: URL, got " + jdbcUrl);
        }
        PGSimpleDataSource raw = new PGSimpleDataSource();
        raw.setURL(jdbcUrl);
        raw.setUser(user);
        raw.setPassword(password);
        raw.setReWriteBatchedInserts(true);
        log.info("opening PostgreSQL database {}", jdbcUrl);
        return new SqlDatabase(SqlDialect.POSTGRESQL, raw, "parley-postgres", jdbcUrl);
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** Number of write transactions committed since open; fewer than the writes when group commit batches. */
    public long commits() {
        return writer.commits();
    }

    /** Finishes the queued writes, then closes every connection. */
    @Override
    public void close() {
        writer.close();
        pools.close();
    }

    void listen(UpdateListener listener) {
        this.listener = listener == null ? updates -> { } : listener;
    }

    /** What this node knows of the oldest update-stream entry (for the TTL sweep). */
    EntryAges entryAges() {
        return entryAges;
    }

    /** Runs {@code task} through the single writer; returns once its batch is committed. */
    <T> T write(WriteTask<T> task) {
        return writer.submit(task);
    }

    /** Runs {@code work} on a read connection, in one read-only snapshot. */
    <T> T read(SqlFunction<T> work) {
        try (Connection connection = pools.readers().borrow()) {
            try {
                return work.apply(connection);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new SqlStoreException("SQL read failed on " + dialect + ": " + e.getMessage(), e);
        }
    }

    int queuedWrites() {
        return writer.queued();
    }

    /**
     * Brings the schema up to date; fails fast naming the database when it cannot be opened or migrated. Flyway
     * runs only when the schema history is not already at the shipped version ({@link SchemaHistory}).
     */
    private static void migrate(SqlDialect dialect, DataSource raw, String location) {
        if (SchemaHistory.upToDate(raw, dialect)) {
            log.debug("the {} schema at {} is at version {}; Flyway not needed", dialect, location,
                    SchemaHistory.SHIPPED.getLast());
            return;
        }
        try {
            Flyway.configure()
                    .dataSource(raw)
                    .locations(dialect.migrations())
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new SqlStoreException("cannot open and migrate the " + dialect + " database at " + location
                    + ": " + e.getMessage(), e);
        }
    }

    private static Pools sqlitePools(DataSource raw, String name) {
        SqliteConnections writer = new SqliteConnections(raw, name + "-write", 1, STATEMENT_CACHE);
        try {
            SqliteConnections readers = new SqliteConnections(raw, name + "-read", READ_CONNECTIONS,
                    STATEMENT_CACHE);
            return new Pools(writer, readers, writer, readers);
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    private static Pools hikariPools(DataSource raw, String name) {
        HikariDataSource writer = hikari(raw, name + "-write", 1, "TRANSACTION_READ_COMMITTED",
                SqlDialect.POSTGRESQL.writerSessionInit());
        try {
            HikariDataSource readers = hikari(raw, name + "-read", READ_CONNECTIONS, "TRANSACTION_REPEATABLE_READ",
                    null);
            return new Pools(writer::getConnection, readers::getConnection, writer, readers);
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    /**
     * A PostgreSQL pool without auto-commit, at {@code isolation}; {@code initSql} (nullable) runs on each new
     * connection.
     */
    private static HikariDataSource hikari(DataSource raw, String name, int size, String isolation,
                                           String initSql) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(raw);
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setAutoCommit(false);
        config.setTransactionIsolation(isolation);
        if (initSql != null) {
            config.setConnectionInitSql(initSql);
        }
        return new HikariDataSource(config);
    }
}
