package dev.parley.bench.scenario;

import dev.parley.bench.Options;
import dev.parley.bench.seed.BulkMessages;
import dev.parley.bench.seed.Seeder;
import dev.parley.bench.seed.Seeder.Account;
import dev.parley.bench.sys.Machine;
import dev.parley.bench.sys.ServerProcess;
import dev.parley.core.model.User;
import dev.parley.store.sql.SqlStores;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * B5, start to ready. Builds (once, then cached under {@code --db-cache}) a database of {@code --messages}
 * messages in {@code --users}/2 direct chats — users, devices and chats through the store classes, the messages
 * and their update-stream entries in bulk ({@link BulkMessages}) — then starts the server JVM on it
 * {@code --runs} times and measures spawn → first 200 of {@code GET /ready} (what an operator waits for) and the
 * server's own "startMillis" (stores opened and migrated, gateway bound). The same on an empty database is the
 * baseline: the difference is what the data costs.
 */
public final class Startup {
    private Startup() {
    }

    public static Path run(Options o) throws Exception {
        long messages = o.longValue("messages", 10_000_000);
        int users = o.integer("users", 20_000) / 2 * 2;
        int runs = o.integer("runs", 5);
        int textBytes = o.integer("text-bytes", 40);
        Path cache = Path.of(o.string("db-cache", "parley-bench/target/b5-db"))
                .resolve(messages + "m-" + users + "u-" + textBytes + "b");
        Path jar = Path.of(o.string("server-jar", "parley-server/target/parley-server.jar"));
        String jvm = o.string("server-jvm-opts", "");
        List<String> jvmOpts = jvm.isBlank() ? List.of() : List.of(jvm.trim().split("\\s+"));
        Result result = new Result("B5", "", Path.of(o.string("results", "parley-bench/results")));
        result.put("loadavgBefore", Machine.loadavg());
        System.out.println("[B5] load average before: " + Machine.loadavg());
        Path db = cache.resolve("data");
        if (!Files.exists(cache.resolve("complete"))) {
            build(db, messages, users, textBytes);
            Files.writeString(cache.resolve("complete"), "ok\n");
        }
        long bytes;
        try (var files = Files.list(db)) {
            bytes = files.mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf("[B5] database %s: %.2f GB%n", db, bytes / 1e9);
        Path empty = Files.createTempDirectory("parley-b5-empty").resolve("data");
        List<Map<String, Object>> full = starts("10M", jar, db, jvmOpts, runs);
        List<Map<String, Object>> base = starts("empty", jar, empty, jvmOpts, runs);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("messages", messages);
        r.put("users", users);
        r.put("databaseBytes", bytes);
        r.put("runs", full);
        r.put("emptyRuns", base);
        double median = median(full, "spawnToReadyMs");
        r.put("medianSpawnToReadyMs", median);
        r.put("medianServerStartMs", median(full, "serverStartMs"));
        r.put("emptyMedianSpawnToReadyMs", median(base, "spawnToReadyMs"));
        r.put("emptyMedianServerStartMs", median(base, "serverStartMs"));
        r.forEach(result::put);
        Summary.table("B5 start to ready", Map.of("database", String.format("%,d messages, %.2f GB", messages, bytes / 1e9),
                "median spawn -> /ready 200 (ms)", median, "median server startMillis (ms)", r.get("medianServerStartMs"),
                "empty db: median spawn -> ready (ms)", r.get("emptyMedianSpawnToReadyMs"),
                "empty db: median server startMillis (ms)", r.get("emptyMedianServerStartMs")));
        result.target("B5 start to ready with 10M messages (ms)", "<= 1000", median, median <= 1000);
        result.put("options", o.effective());
        result.put("command", String.join(" ", o.raw()));
        result.put("machine", Machine.describe());
        result.put("loadavgAfter", Machine.loadavg());
        System.out.println("[B5] load average after: " + Machine.loadavg());
        return result.write();
    }

    private static List<Map<String, Object>> starts(String label, Path jar, Path dataDir, List<String> jvmOpts,
                                                    int runs) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            try (ServerProcess s = ServerProcess.start(jar, dataDir, freePort(), jvmOpts,
                    Map.of("PARLEY_LOG_LEVEL", "INFO"), Duration.ofMinutes(5))) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("spawnToReadyMs", s.spawnToReadyMillis());
                m.put("serverStartMs", (double) s.loggedStartMillis());
                m.put("rssAtReadyMb", dev.parley.bench.sys.ProcStats.rssKb(s.pid()) / 1024.0);
                out.add(m);
                System.out.printf("[B5] %-5s run %d: spawn -> ready %.0f ms, server startMillis %d ms, rss %.0f MB%n",
                        label, i + 1, s.spawnToReadyMillis(), s.loggedStartMillis(), m.get("rssAtReadyMb"));
                Files.deleteIfExists(s.log());
            }
        }
        return out;
    }

    /** Users, devices and direct chats via the store classes; then the messages in bulk; progress every 1M. */
    private static void build(Path db, long messages, int users, int textBytes) throws Exception {
        Files.createDirectories(db);
        Path file = db.resolve("parley.db");
        long t0 = System.nanoTime();
        List<Account> accounts = new ArrayList<>();
        List<Long> chats = new ArrayList<>();
        try (SqlStores stores = SqlStores.sqlite(file, Clock.systemUTC()); Seeder seeder = new Seeder(stores)) {
            List<User> u = seeder.users("b5u", users);
            accounts.addAll(seeder.devices(u));
            chats.addAll(seeder.pairs(u));
        }
        System.out.printf("[B5] %d users and %d chats in %.1f s; writing %,d messages...%n", users, chats.size(),
                (System.nanoTime() - t0) / 1e9, messages);
        String text = new String(dev.parley.bench.client.FrameWriter.text(textBytes), StandardCharsets.US_ASCII);
        long perChat = messages / chats.size();
        long extra = messages % chats.size();
        try (BulkMessages bulk = new BulkMessages(file)) {
            long next = 1_000_000;
            for (int k = 0; k < chats.size(); k++) {
                Account a = accounts.get(2 * k);
                Account b = accounts.get(2 * k + 1);
                bulk.direct(chats.get(k), a.userId(), a.deviceId(), b.userId(), b.deviceId(), 0,
                        (int) (perChat + (k < extra ? 1 : 0)), text);
                if (bulk.written() >= next) {
                    System.out.printf("[B5] %,d messages written, %.0f s%n", bulk.written(), (System.nanoTime() - t0) / 1e9);
                    next += 1_000_000;
                }
            }
            bulk.flushAndCheckpoint(x -> System.out.printf("[B5] %,d messages written in %.0f s%n", x,
                    (System.nanoTime() - t0) / 1e9));
        }
    }

    private static double median(List<Map<String, Object>> runs, String key) {
        double[] v = runs.stream().mapToDouble(m -> ((Number) m.get(key)).doubleValue()).sorted().toArray();
        return v.length == 0 ? -1 : v[v.length / 2];
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
