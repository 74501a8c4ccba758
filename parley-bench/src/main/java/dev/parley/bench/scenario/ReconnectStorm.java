package dev.parley.bench.scenario;

import dev.parley.bench.Options;
import dev.parley.bench.client.BenchConnection;
import dev.parley.bench.client.Connector;
import dev.parley.bench.client.FrameWriter;
import dev.parley.bench.metrics.Stats;
import dev.parley.bench.seed.BulkMessages;
import dev.parley.bench.seed.Seeder;
import dev.parley.bench.seed.Seeder.Account;
import dev.parley.bench.sys.ProcStats;
import dev.parley.core.model.User;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * B4, reconnect storm. {@code --devices N} devices, each the receiver of a direct chat whose offline peer sent it
 * {@code --backlog M} messages while it was away (written in bulk into the database before the server starts,
 * see {@link BulkMessages}); so each device's stored cursor is M updates behind its stream's head. All N devices
 * then connect at once ({@code --connect-concurrency 0}: every connect issued immediately) and authenticate; each
 * receives its backlog, acks it coalesced while reading, and sends a final {@code ack} with an id once it has
 * everything; a device the server disconnects reconnects after 1–2 s and resumes from its cursor, as a client
 * would. Reported: the times until every device has received its whole backlog and has its final ack durable
 * (ok), the reconnections and the close codes the server sent; backlog updates delivered per second; the server's peak RSS during the storm
 * (sampled every 100 ms, and VmHWM) and its heap (sampled every second); CPU of server and generator.
 */
public final class ReconnectStorm {
    private ReconnectStorm() {
    }

    public static Path run(Options o) throws Exception {
        int n = o.integer("devices", 10_000);
        int m = o.integer("backlog", 100);
        int concurrency = o.integer("connect-concurrency", 0);
        int w = o.integer("warmup-devices", 0);
        Duration timeout = o.duration("timeout", "300s");
        String text = new String(FrameWriter.text(o.integer("text-bytes", 100)), StandardCharsets.US_ASCII);
        try (BenchEnv env = new BenchEnv("B4", "", o)) {
            List<Account> accounts = new ArrayList<>();
            List<Long> chats = new ArrayList<>();
            env.seed(stores -> {
                try (Seeder seeder = new Seeder(stores)) {
                    List<User> u = seeder.users("b4u", 2 * (n + w));
                    chats.addAll(seeder.pairs(u));
                    accounts.addAll(seeder.devices(u));
                }
            });
            long b0 = System.nanoTime();
            try (BulkMessages bulk = new BulkMessages(env.dbFile())) {
                for (int k = 0; k < n + w; k++) {
                    Account s = accounts.get(2 * k);
                    Account r = accounts.get(2 * k + 1);
                    bulk.direct(chats.get(k), s.userId(), s.deviceId(), r.userId(), r.deviceId(), s.userId(), m, text);
                }
                bulk.flushAndCheckpoint(x -> System.out.printf("[B4] backlog written: %d messages in %.1f s%n", x,
                        (System.nanoTime() - b0) / 1e9));
            } catch (SQLException e) {
                throw new IllegalStateException("cannot write the backlog: " + e.getMessage(), e);
            }
            env.startServer();
            if (w > 0) {
                warmUp(env, accounts, chats, n, w, concurrency, timeout);
            }
            Watch watch = new Watch(env, env.stats);
            List<BenchConnection> receivers = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                receivers.add(new BenchConnection(env.client(), accounts.get(2 * k + 1), chats.get(k), env.stats, watch));
            }
            env.server().fullGc();
            long rssBefore = env.serverRssKb();
            long heapBefore = env.server().heapUsedBytes();
            AtomicLong rssPeak = new AtomicLong(rssBefore);
            AtomicLong heapPeak = new AtomicLong(heapBefore);
            ProcStats.CpuMeter serverCpu = env.newServerCpu();
            ProcStats.CpuMeter selfCpu = env.newSelfCpu();
            long t0 = System.nanoTime();
            watch.start = t0;
            Reporter rss = Reporter.every(Duration.ofMillis(100),
                    () -> rssPeak.accumulateAndGet(env.serverRssKb(), Math::max));
            Reporter heap = Reporter.every(Duration.ofSeconds(1),
                    () -> heapPeak.accumulateAndGet(env.server().heapUsedBytes(), Math::max));
            ProcStats.CpuMeter lineServer = env.newServerCpu();
            ProcStats.CpuMeter lineSelf = env.newSelfCpu();
            long[] lastUpdates = {0};
            Reporter progress = Reporter.every(Duration.ofSeconds(1), () -> {
                long u = env.stats.updates.sum();
                System.out.printf("[B4] %5.1fs ready %6d  synced %6d  drained %6d  final acks %6d | updates %7d/s | "
                                + "server rss %5d MB (peak %5d) | cpu server %3.0f%% gen %3.0f%% | failures %d%n",
                        (System.nanoTime() - t0) / 1e9, env.stats.ready.sum(), env.stats.synced.sum(),
                        watch.drained.sum(), watch.finalOks.sum(), u - lastUpdates[0], env.serverRssKb() / 1024,
                        rssPeak.get() / 1024, lineServer.sample(), lineSelf.sample(),
                        env.stats.connectFailures.sum() + env.stats.unexpectedCloses.sum());
                // failures: connections closed by the server or failed; each reconnects (see Watch)
                lastUpdates[0] = u;
            });
            Connector.connectAll(env.client(), receivers, concurrency, timeout, env.stats);
            watch.awaitFinalAcks(n, t0 + timeout.toNanos());
            double okSeconds = (System.nanoTime() - t0) / 1e9;
            progress.close();
            rss.close();
            heap.close();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("devices", n);
            r.put("backlogPerDevice", m);
            r.put("devicesDrained", watch.drained.sum());
            r.put("reconnects", watch.reconnects.sum());
            r.put("serverCloses", env.stats.errorCodes());
            r.put("allDrainedSeconds", (watch.lastDrained.get() - t0) / 1e9);
            r.put("allFinalAcksSeconds", okSeconds);
            r.put("backlogUpdatesPerSecond", (double) n * m / ((watch.lastDrained.get() - t0) / 1e9));
            r.put("serverRssBeforeMb", rssBefore / 1024.0);
            r.put("serverRssPeakMb", rssPeak.get() / 1024.0);
            r.put("serverVmHwmMb", ProcStats.statusKb(env.server().pid(), "VmHWM") / 1024.0);
            r.put("serverHeapBeforeMb", heapBefore / 1048576.0);
            r.put("serverHeapPeakSampledMb", heapPeak.get() / 1048576.0);
            r.put("serverCpuPercent", serverCpu.sinceStart());
            r.put("generatorCpuPercent", selfCpu.sinceStart());
            r.put("connectFailures", env.stats.connectFailures.sum());
            r.forEach(env.result::put);
            Summary.table("B4 reconnect storm", r);
            double drainedAt = (watch.lastDrained.get() - t0) / 1e9;
            boolean all = watch.drained.sum() == n;
            env.result.target("B4 " + n + " devices x " + m + " backlog drained (s)", "<= 10",
                    all ? Math.round(drainedAt * 100) / 100.0 : "incomplete", all && drainedAt <= 10);
            receivers.forEach(BenchConnection::close);
            return env.finish();
        }
    }

    /**
     * {@code --warmup-devices W}: a storm of W other devices (pairs n … n+W-1, same backlog) drained and closed
     * before the measured one, so that the server's and the generator's JIT have compiled these paths: the storm
     * after a network failure on a running server, where the default (W = 0) is the storm right after a restart.
     * Its counts go to their own {@link Stats}, not into the result.
     */
    private static void warmUp(BenchEnv env, List<Account> accounts, List<Long> chats, int n, int w, int concurrency,
                               Duration timeout) throws InterruptedException {
        Stats stats = new Stats();
        Watch warm = new Watch(env, stats);
        List<BenchConnection> devices = new ArrayList<>();
        for (int k = n; k < n + w; k++) {
            devices.add(new BenchConnection(env.client(), accounts.get(2 * k + 1), chats.get(k), stats, warm));
        }
        long t0 = System.nanoTime();
        Connector.connectAll(env.client(), devices, concurrency, timeout, stats);
        warm.awaitFinalAcks(w, t0 + timeout.toNanos());
        devices.forEach(BenchConnection::close);
        System.out.printf("[B4] warm-up: %d of %d devices drained in %.1f s%n", warm.drained.sum(), w,
                (System.nanoTime() - t0) / 1e9);
        env.result.put("warmupDevices", w);
        env.result.put("warmupDrainedSeconds", (warm.lastDrained.get() - t0) / 1e9);
    }

    /**
     * Marks each device drained when it has received everything up to the head its {@code ready} announced, then
     * sends its final ack. A connection the server closes (e.g. 4001 when its {@code auth} waited in the server
     * for longer than the auth timeout) reconnects after 1–2 s, as a client would, resuming from its cursor.
     */
    private static final class Watch implements BenchConnection.Events {
        private final BenchEnv env;
        private final Stats stats;
        private final java.util.Set<Long> done = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final LongAdder drained = new LongAdder();
        final LongAdder finalOks = new LongAdder();
        final LongAdder reconnects = new LongAdder();
        final AtomicLong lastDrained = new AtomicLong();
        volatile long start;

        Watch(BenchEnv env, Stats stats) {
            this.env = env;
            this.stats = stats;
        }

        /** Waits (polling; the storm has no single completion event) until {@code n} final acks or the deadline. */
        void awaitFinalAcks(int n, long deadlineNanos) throws InterruptedException {
            while (finalOks.sum() < n && System.nanoTime() < deadlineNanos) {
                Thread.sleep(20);
            }
        }

        @Override
        public void synced(BenchConnection c) {
            update(c);
        }

        @Override
        public void update(BenchConnection c) {
            if (c.readyHead() >= 0 && c.processed() >= c.readyHead() && done.add(c.account().userId())) {
                drained.increment();
                lastDrained.accumulateAndGet(System.nanoTime(), Math::max);
                c.ackWithId("fin");
            }
        }

        @Override
        public void closed(BenchConnection c) {
            if (done.contains(c.account().userId())) {
                return;
            }
            reconnects.increment();
            long delay = 1000 + java.util.concurrent.ThreadLocalRandom.current().nextLong(1000);
            BenchConnection again = new BenchConnection(env.client(), c.account(), c.chatId(), stats, this)
                    .resumeFrom(c.processed());
            c.channel().eventLoop().schedule(() -> env.client().connect(again), delay,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        @Override
        public void ok(BenchConnection c, String id) {
            if ("fin".equals(id)) {
                finalOks.increment();
            }
        }
    }
}
