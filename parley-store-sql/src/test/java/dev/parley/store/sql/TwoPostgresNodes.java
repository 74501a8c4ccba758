package dev.parley.store.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two server nodes on one PostgreSQL database: each test gets a fresh schema and two independent {@link SqlStores}
 * (two connection pools, two single writers) on it, as two cluster nodes would have; the schema is dropped after.
 * {@code @RegisterExtension final TwoPostgresNodes nodes = new TwoPostgresNodes();}
 */
final class TwoPostgresNodes implements BeforeEachCallback, AfterEachCallback {
    private String schema;
    private SqlStores a;
    private SqlStores b;

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        schema = "parley_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE SCHEMA " + schema);
        String url = Fixtures.POSTGRES_URL + "?currentSchema=" + schema;
        a = SqlStores.postgres(url, Fixtures.POSTGRES_USER, "", Clock.systemUTC());
        b = SqlStores.postgres(url, Fixtures.POSTGRES_USER, "", Clock.systemUTC());
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        a.close();
        b.close();
        execute("DROP SCHEMA " + schema + " CASCADE");
    }

    SqlStores a() {
        return a;
    }

    SqlStores b() {
        return b;
    }

    /** Node A for even {@code i}, node B for odd: spreads concurrent work over both nodes. */
    SqlStores node(int i) {
        return i % 2 == 0 ? a : b;
    }

    /** Runs {@code work(0..threads-1)} at once on virtual threads; returns the results in index order. */
    static <T> List<T> concurrently(int threads, IntFunction<T> work) throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(executor.submit((Callable<T>) () -> work.apply(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(Fixtures.POSTGRES_URL, Fixtures.POSTGRES_USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
