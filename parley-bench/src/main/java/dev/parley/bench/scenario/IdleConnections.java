package dev.parley.bench.scenario;

import dev.parley.bench.Options;
import dev.parley.bench.client.BenchConnection;
import dev.parley.bench.client.Connector;
import dev.parley.bench.seed.Seeder;
import dev.parley.bench.seed.Seeder.Account;
import dev.parley.bench.sys.ProcStats;
import dev.parley.core.model.User;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * B3, idle connections. Opens {@code --connections N} authenticated WebSockets (one device per user, no chats),
 * as many as the open-file limits allow (the server holds one socket per connection too, and both processes live
 * under the same 20,000 hard limit, so ~19,500 is the ceiling on this machine). The cost is measured at the
 * margin: after {@code --warmup-connections W} are connected and the server has settled, a full GC
 * ({@code jcmd GC.run}) and a reading of the server's RSS and heap (baseline); then the remaining N − W connect,
 * settle for {@code --settle}, GC again, read again. Per connection = (after − baseline) / (N − W). The load
 * generator's own RSS per connection is reported too.
 */
public final class IdleConnections {
    private IdleConnections() {
    }

    public static Path run(Options o) throws Exception {
        int n = o.integer("connections", 19_500);
        int warm = Math.min(n - 1, o.integer("warmup-connections", 2000));
        Duration settle = o.duration("settle", "5s");
        int concurrency = o.integer("connect-concurrency", 500);
        try (BenchEnv env = new BenchEnv("B3", "", o)) {
            List<Account> accounts = new ArrayList<>();
            env.seed(stores -> {
                try (Seeder seeder = new Seeder(stores)) {
                    List<User> u = seeder.users("b3u", n);
                    accounts.addAll(seeder.devices(u));
                }
            });
            env.startServer();
            List<BenchConnection> conns = new ArrayList<>();
            for (Account a : accounts) {
                conns.add(new BenchConnection(env.client(), a, 0, env.stats, new BenchConnection.Events() { }));
            }
            Reporter progress = Reporter.every(Duration.ofSeconds(1), () -> System.out.printf(
                    "[B3] connected %6d  synced %6d  failures %d | server rss %5d MB  fds %6d | gen rss %5d MB%n",
                    env.stats.ready.sum(), env.stats.synced.sum(), env.stats.connectFailures.sum()
                            + env.stats.unexpectedCloses.sum(), env.serverRssKb() / 1024,
                    ProcStats.openFiles(env.server().pid()), BenchEnv.selfRssKb() / 1024));
            long t0 = System.nanoTime();
            int first = Connector.connectAll(env.client(), conns.subList(0, warm), concurrency, Duration.ofMinutes(5),
                    env.stats);
            Thread.sleep(settle.toMillis());
            Map<String, Long> histBase = env.server().classHistogram();
            Map<String, Long> base = measure(env);
            long t1 = System.nanoTime();
            int rest = Connector.connectAll(env.client(), conns.subList(warm, n), concurrency, Duration.ofMinutes(10),
                    env.stats);
            double connectSeconds = (System.nanoTime() - t1) / 1e9;
            Thread.sleep(settle.toMillis());
            Map<String, Long> histAfter = env.server().classHistogram();
            Map<String, Long> after = measure(env);
            progress.close();
            int total = first + rest;
            int added = rest;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("connectionsRequested", n);
            r.put("connectionsSynced", total);
            r.put("baselineConnections", first);
            r.put("addedConnections", added);
            r.put("connectsPerSecond", added / connectSeconds);
            r.put("baseline", base);
            r.put("after", after);
            double rssPer = (after.get("serverRssKb") - base.get("serverRssKb")) * 1024.0 / added;
            double heapPer = (after.get("serverHeapBytes") - base.get("serverHeapBytes")) / (double) added;
            double genPer = (after.get("generatorRssKb") - base.get("generatorRssKb")) * 1024.0 / added;
            r.put("serverRssBytesPerConnection", rssPer);
            r.put("serverHeapBytesPerConnection", heapPer);
            r.put("generatorRssBytesPerConnection", genPer);
            r.put("totalSeconds", (System.nanoTime() - t0) / 1e9);
            r.put("heapBytesPerConnectionByClass", perConnection(histBase, histAfter, added));
            Summary.table("B3 idle connections", r);
            // With a pre-touched heap the marginal RSS is the native part only: the heap was paid up front, so
            // the memory of a connection is then its live heap plus that native part.
            boolean pretouched = env.options.string("server-jvm-opts", "").contains("AlwaysPreTouch");
            double perConnection = pretouched ? rssPer + heapPer : rssPer;
            r.put("memoryBytesPerConnection", perConnection);
            env.result.target("B3 server memory per idle connection (KB)" + (pretouched ? ", native RSS + heap" : ", RSS"),
                    "<= 4", Math.round(perConnection / 102.4) / 10.0, perConnection <= 4096);
            r.forEach(env.result::put);
            conns.forEach(BenchConnection::close);
            return env.finish();
        }
    }

    /** The classes whose live bytes grew most between two histograms, per added connection (top 15). */
    private static Map<String, Double> perConnection(Map<String, Long> before, Map<String, Long> after, int added) {
        Map<String, Double> out = new LinkedHashMap<>();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / (double) added))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(30)
                .forEach(e -> out.put(e.getKey(), Math.round(e.getValue() * 10) / 10.0));
        return out;
    }

    /** Full GC in the server, then its RSS, heap and open files, and the generator's RSS. */
    private static Map<String, Long> measure(BenchEnv env) {
        env.server().fullGc();
        env.server().fullGc();
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("connections", env.stats.synced.sum());
        m.put("serverRssKb", env.serverRssKb());
        m.put("serverHeapBytes", env.server().heapUsedBytes());
        m.put("serverOpenFiles", ProcStats.openFiles(env.server().pid()));
        m.put("serverThreads", ProcStats.statusKb(env.server().pid(), "Threads"));
        m.put("generatorRssKb", BenchEnv.selfRssKb());
        System.out.println("[B3] measured: " + m);
        return m;
    }
}
