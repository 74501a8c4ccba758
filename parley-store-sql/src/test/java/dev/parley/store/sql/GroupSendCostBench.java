package dev.parley.store.sql;

import dev.parley.core.model.AppendResult.Appended;
import dev.parley.core.model.Draft;
import dev.parley.core.model.GroupInfo;
import dev.parley.core.model.GroupSettings;
import dev.parley.core.model.MessageKind;
import dev.parley.core.model.NewGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Cost of one message to a group at the store level, on SQLite (a temp file, WAL, synchronous=FULL). Not an
 * assertion: it prints what sends write and how long they take. On demand only:
 * <pre>
 * mvn -q -o -pl parley-store-sql test -Dbench=true -Dtest=GroupSendCostBench -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Each row: a fresh database, a group of {@code members}, {@value #WARM_UP} warm-up sends, then {@value #SENDS}
 * measured sends, either one after the other from one sender or from {@value #CONCURRENT_SENDERS} senders at once
 * (group commit). A second, identical run with WAL auto-checkpoints off counts the WAL pages the sends wrote.
 * Numbers go to docs/benchmarks.md ("Group send cost (store level)").
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class GroupSendCostBench {
    private static final int WARM_UP = 20;
    private static final int SENDS = 400;
    private static final int CONCURRENT_SENDERS = 8;

    /** What one measured run saw. */
    private record Run(int sends, long commits, long messages, long updates, long heads, double millis,
                       double firstMillis, double lastMillis, long writerCpuNanos) {
    }

    @Test
    void printTheCostOfOneGroupSend() throws Exception {
        System.out.printf("%n%-7s %-10s %5s %7s %9s %9s %9s %8s %8s %8s %11s %14s%n", "members", "senders", "sends",
                "commits", "msgs/send", "upd/send", "heads/snd", "ms/send", "first50", "last50", "WAL KiB/snd",
                "writer µs/send");
        for (int members : new int[] {100, 1024}) {
            for (boolean concurrent : new boolean[] {false, true}) {
                Run run = measure(members, concurrent, false);
                long walPages = measure(members, concurrent, true).commits();
                print(members, concurrent, run, walPages);
            }
        }
    }

    private static void print(int members, boolean concurrent, Run run, long walPages) {
        double sends = run.sends();
        System.out.printf(Locale.ROOT, "%-7d %-10s %5d %7d %9.1f %9.1f %9.1f %8.2f %8.2f %8.2f %11.0f %14.0f%n",
                members, concurrent ? CONCURRENT_SENDERS : 1, run.sends(), run.commits(), run.messages() / sends,
                run.updates() / sends, run.heads() / sends, run.millis() / sends, run.firstMillis(),
                run.lastMillis(), walPages * 4.0 / sends, run.writerCpuNanos() / 1e3 / sends);
    }

    /** One run on a fresh database; when {@code countWal}, the result's commits field is the WAL page count. */
    private static Run measure(int members, boolean concurrent, boolean countWal) throws Exception {
        Path dir = Files.createTempDirectory("parley-bench-");
        Path file = dir.resolve("parley.db");
        try (SqlStores stores = SqlStores.sqlite(file, Clock.systemUTC())) {
            List<Long> ids = SqliteGroupsTest.insertUsers(stores.database(), members);
            long chat = stores.groups().create(new NewGroup(ids.getFirst(), 1, "created", new GroupInfo("bench", null,
                    null), GroupSettings.DEFAULTS, ids.subList(1, members), members, Instant.now())).chatId();
            List<Long> senders = ids.subList(0, concurrent ? CONCURRENT_SENDERS : 1);
            sendAll(stores, chat, ids.subList(0, 1), WARM_UP, "warm", new ArrayList<>());
            if (countWal) {
                stores.database().write(tx -> Jdbc.first(tx.connection(), "PRAGMA wal_autocheckpoint = 0",
                        row -> row.getLong(1)));
                walFrames(file, "TRUNCATE");
            }
            long[] before = counters(stores);
            List<Double> latencies = new ArrayList<>();
            long start = System.nanoTime();
            long cpuStart = Fixtures.writerCpuNanos();
            sendAll(stores, chat, senders, SENDS / senders.size(), "run", latencies);
            long cpu = Fixtures.writerCpuNanos() - cpuStart;
            double millis = (System.nanoTime() - start) / 1e6;
            long[] after = counters(stores);
            long commits = countWal ? walFrames(file, "PASSIVE") : after[0] - before[0];
            return new Run(latencies.size(), commits, after[1] - before[1], after[2] - before[2],
                    after[3] - before[3], millis, averageOf(latencies, 0), averageOf(latencies, latencies.size() - 50),
                    cpu);
        } finally {
            Fixtures.deleteRecursively(dir);
        }
    }

    /** {@code perSender} sends from each sender, all senders at once; records each send's latency in ms. */
    private static void sendAll(SqlStores stores, long chat, List<Long> senders, int perSender, String tag,
                                List<Double> latencies) throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (long sender : senders) {
                futures.add(threads.submit(() -> {
                    for (int i = 0; i < perSender; i++) {
                        String clientId = tag + "-" + sender + "-" + i;
                        long start = System.nanoTime();
                        Object result = stores.messages().append(new Draft(chat, clientId, sender, 1, clientId,
                                MessageKind.TEXT, "hello group", null, Instant.now()));
                        if (!(result instanceof Appended)) {
                            throw new IllegalStateException("send " + clientId + " was refused: " + result);
                        }
                        synchronized (latencies) {
                            latencies.add((System.nanoTime() - start) / 1e6);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
    }

    private static double averageOf(List<Double> latencies, int from) {
        return latencies.subList(from, Math.min(latencies.size(), from + 50)).stream().mapToDouble(d -> d)
                .average().orElse(0);
    }

    /** Pages in the WAL after {@code PRAGMA wal_checkpoint(mode)} on a connection of its own. */
    private static long walFrames(Path file, String mode) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.setAutoCommit(true);
            return Jdbc.first(c, "PRAGMA wal_checkpoint(" + mode + ")", row -> row.getLong(2)).orElseThrow();
        }
    }

    /** commits, messages rows, updates rows, sum of users.update_head (= user rows updated, one per entry). */
    private static long[] counters(SqlStores stores) {
        return stores.database().read(c -> new long[] {stores.database().commits(),
                Jdbc.first(c, "SELECT COUNT(*) FROM messages", row -> row.getLong(1)).orElseThrow(),
                Jdbc.first(c, "SELECT COUNT(*) FROM updates", row -> row.getLong(1)).orElseThrow(),
                Jdbc.first(c, "SELECT SUM(update_head) FROM users", row -> row.getLong(1)).orElseThrow()});
    }
}
