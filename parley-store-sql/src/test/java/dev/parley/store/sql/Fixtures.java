package dev.parley.store.sql;

import dev.parley.testkit.contract.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Comparator;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Fresh, empty databases for the tests: a SQLite file in a temp folder, a PostgreSQL schema of its own. */
final class Fixtures {
    static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String POSTGRES_USER = "postgres";

    private Fixtures() {
    }

    static Stores sqlite() throws IOException {
        return sqlite(sql -> { });
    }

    /** {@link #sqlite()}, handing the adapter to {@code opened} first (for checks in SQL). */
    static Stores sqlite(Consumer<SqlStores> opened) throws IOException {
        Path dir = Files.createTempDirectory("parley-sqlite-");
        SqlStores sql = SqlStores.sqlite(dir.resolve("parley.db"), Clock.systemUTC());
        opened.accept(sql);
        return stores(sql, () -> {
            sql.close();
            deleteRecursively(dir);
        });
    }

    /** A new schema {@code parley_test_<random>} in the local test database, dropped on close. */
    static Stores postgres() throws SQLException {
        return postgres(sql -> { });
    }

    /** {@link #postgres()}, handing the adapter to {@code opened} first (for checks in SQL). */
    static Stores postgres(Consumer<SqlStores> opened) throws SQLException {
        String schema = "parley_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE SCHEMA " + schema);
        SqlStores sql;
        try {
            sql = SqlStores.postgres(POSTGRES_URL + "?currentSchema=" + schema, POSTGRES_USER, "", Clock.systemUTC());
        } catch (RuntimeException e) {
            execute("DROP SCHEMA " + schema + " CASCADE");
            throw e;
        }
        opened.accept(sql);
        return stores(sql, () -> {
            sql.close();
            execute("DROP SCHEMA " + schema + " CASCADE");
        });
    }

    static Stores stores(SqlStores sql, AutoCloseable closer) {
        return new Stores(sql.accounts(), sql.chats(), sql.messages(), sql.updates(), sql.receipts(), sql.groups(),
                sql.contacts(), sql.lastSeen(), sql.media(), sql.retention(), closer);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new SQLException("PostgreSQL at " + POSTGRES_URL + " (user " + POSTGRES_USER
                    + ", trust auth) is needed by these tests; '" + sql + "' failed: " + e.getMessage(), e);
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete test folder " + dir, e);
        }
    }

    /** CPU time of the store's writer thread (benchmarks open one store at a time). */
    static long writerCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals("parley-sql-writer")) {
                return threads.getThreadCpuTime(info.getThreadId());
            }
        }
        throw new IllegalStateException("no thread named parley-sql-writer; expected the open store's writer");
    }
}
