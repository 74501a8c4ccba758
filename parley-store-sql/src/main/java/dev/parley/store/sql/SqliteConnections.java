package dev.parley.store.sql;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small fixed pool of long-lived SQLite connections, each with its own {@link StatementCache}: the SQLite
 * writer's single connection (size 1) and the read connections. Why not HikariCP here: Hikari closes every
 * statement when a connection goes back to the pool and deliberately caches none, and sqlite-jdbc has no cache
 * of its own, so every statement was prepared again on every call; a SQLite connection to a local file never
 * breaks, so the pool needs no validation, eviction or reconnection either. (PostgreSQL keeps Hikari: pgjdbc
 * keeps a per-connection cache of server-side prepared statements, {@code prepareThreshold} uses by default.)
 *
 * <p>Connections come from {@code raw} (the {@code SQLiteDataSource} carrying WAL, {@code synchronous=FULL}, the
 * busy timeout, foreign keys and the transaction mode), are switched to manual commit like Hikari did, and are
 * opened on demand up to {@code size}; the first one at construction, so a database that cannot be opened fails
 * at start. Each borrow hands out a new {@link Connection} view whose {@code close()} gives the physical
 * connection back (a second {@code close()} does nothing; any other use after it fails); the view also
 * implements {@link StatementCache.Owner}, through which {@link Jdbc} reuses the prepared statements.
 */
final class SqliteConnections implements ConnectionSource, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqliteConnections.class);
    private static final long WAIT_SECONDS = 30;

    private final DataSource raw;
    private final String name;
    private final int size;
    private final int cacheCapacity;
    private final BlockingQueue<Pooled> idle;
    private final List<Pooled> opened = new ArrayList<>();
    private boolean closed;

    SqliteConnections(DataSource raw, String name, int size, int cacheCapacity) {
        if (size < 1) {
            throw new IllegalArgumentException("pool " + name + " needs at least 1 connection, got " + size);
        }
        this.raw = raw;
        this.name = name;
        this.size = size;
        this.cacheCapacity = cacheCapacity;
        this.idle = new ArrayBlockingQueue<>(size);
        Pooled first = openOrNull();
        if (first == null) {
            throw new IllegalStateException("pool " + name + " could not open its first connection");
        }
        idle.add(first);
    }

    @Override
    public Connection borrow() throws SQLException {
        Pooled pooled = idle.poll();
        if (pooled == null) {
            pooled = openOrWait();
        }
        return pooled.lease();
    }

    /** Closes the idle connections now and the borrowed ones when they are given back. */
    @Override
    public synchronized void close() {
        closed = true;
        List<Pooled> now = new ArrayList<>();
        idle.drainTo(now);
        now.forEach(Pooled::closePhysical);
    }

    private Pooled openOrWait() throws SQLException {
        Pooled fresh = openOrNull();
        if (fresh != null) {
            return fresh;
        }
        try {
            Pooled pooled = idle.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (pooled == null) {
                throw new SQLException("no connection of pool " + name + " (" + size + " connections) became free"
                        + " within " + WAIT_SECONDS + " s");
            }
            return pooled;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection of pool " + name, e);
        }
    }

    /** A new physical connection if fewer than {@code size} are open, else null. */
    private synchronized Pooled openOrNull() {
        if (closed) {
            throw new IllegalStateException("pool " + name + " is closed: no more connections are handed out");
        }
        if (opened.size() >= size) {
            return null;
        }
        try {
            Connection connection = raw.getConnection();
            try {
                connection.setAutoCommit(false);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
            Pooled pooled = new Pooled(connection, new StatementCache(connection, cacheCapacity));
            opened.add(pooled);
            return pooled;
        } catch (SQLException e) {
            throw new SqlStoreException("pool " + name + " cannot open a SQLite connection: " + e.getMessage(), e);
        }
    }

    private synchronized void giveBack(Pooled pooled) {
        if (closed) {
            pooled.closePhysical();
            return;
        }
        idle.add(pooled);
    }

    /** One physical connection and its statements. */
    private final class Pooled {
        private final Connection connection;
        private final StatementCache statements;

        Pooled(Connection connection, StatementCache statements) {
            this.connection = connection;
            this.statements = statements;
        }

        Connection lease() {
            return (Connection) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                    new Class<?>[] {Connection.class, StatementCache.Owner.class}, new Lease(this));
        }

        void closePhysical() {
            statements.close();
            try {
                connection.close();
            } catch (SQLException e) {
                log.warn("closing a connection of pool {} failed", name, e);
            }
        }
    }

    /** The view of one borrow: delegates to the physical connection until it is closed (given back). */
    private final class Lease implements InvocationHandler {
        private final Pooled pooled;
        private volatile boolean open = true;

        Lease(Pooled pooled) {
            this.pooled = pooled;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String called = method.getName();
            int arity = args == null ? 0 : args.length;
            if (method.getDeclaringClass() == Object.class) {
                return switch (called) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "connection of pool " + name + (open ? "" : " (given back)");
                };
            }
            if (arity == 0 && called.equals("close")) {
                close();
                return null;
            }
            if (arity == 0 && called.equals("isClosed")) {
                return !open || pooled.connection.isClosed();
            }
            if (!open) {
                throw new SQLException("this connection of pool " + name + " was given back; cannot call "
                        + called + " on it");
            }
            if (method.getDeclaringClass() == StatementCache.Owner.class) {
                return pooled.statements;
            }
            try {
                return method.invoke(pooled.connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private void close() {
            if (!open) {
                return;
            }
            open = false;
            giveBack(pooled);
        }
    }
}
