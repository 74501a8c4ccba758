package dev.parley.bench.scenario;

import dev.parley.bench.Options;
import dev.parley.bench.client.LoadClient;
import dev.parley.bench.metrics.Stats;
import dev.parley.bench.sys.Machine;
import dev.parley.bench.sys.ProcStats;
import dev.parley.bench.sys.ServerProcess;
import dev.parley.store.sql.SqlStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * What every scenario shares: a fresh data dir under the work dir, the population seeded into it through the
 * store classes, the server JVM started on it, the load client, the CPU meters of both processes and the
 * result file. Common options: {@code --server-jar}, {@code --work-dir}, {@code --server-jvm-opts "…"},
 * {@code --server-jfr FILE} (a JFR recording of the server, for profiling), {@code --client-threads},
 * {@code --sources} (loopback source addresses), {@code --ack-every} (coalesced-ack interval),
 * {@code --full-decode} (decode every server frame with FrameCodec), {@code --results DIR}.
 */
public final class BenchEnv implements AutoCloseable {
    final Options options;
    final Result result;
    final Stats stats = new Stats();
    private final Path serverJar;
    private final Path dataDir;
    private final List<String> serverJvmOpts = new ArrayList<>();
    private final int clientThreads;
    private final int sources;
    private final long ackEveryMillis;
    private final boolean fullDecode;
    private ServerProcess server;
    private LoadClient client;
    private ProcStats.CpuMeter serverCpu;
    private ProcStats.CpuMeter selfCpu;

    BenchEnv(String scenario, String label, Options options) {
        this.options = options;
        this.serverJar = Path.of(options.string("server-jar", "parley-server/target/parley-server.jar"));
        Path work = Path.of(options.string("work-dir", "parley-bench/target/bench-work"));
        this.dataDir = work.resolve(scenario.toLowerCase() + "-" + ProcessHandle.current().pid()).resolve("data");
        String jvm = options.string("server-jvm-opts", "");
        if (!jvm.isBlank()) {
            serverJvmOpts.addAll(Arrays.asList(jvm.trim().split("\\s+")));
        }
        String jfr = options.string("server-jfr", "");
        if (!jfr.isBlank()) {
            serverJvmOpts.add("-XX:StartFlightRecording=filename=" + Path.of(jfr).toAbsolutePath() + ",settings=profile");
        }
        this.clientThreads = options.integer("client-threads", 2);
        this.sources = options.integer("sources", 4);
        this.ackEveryMillis = options.duration("ack-every", "100ms").toMillis();
        this.fullDecode = options.flag("full-decode");
        String extra = options.string("label", "");
        String name = label.isEmpty() ? extra : extra.isEmpty() ? label : label + "-" + extra;
        this.result = new Result(scenario, name, Path.of(options.string("results", "parley-bench/results")));
        result.put("serverJvmOpts", serverJvmOpts);
        result.put("loadavgBefore", Machine.loadavg());
        System.out.printf("[%s] load average before: %s%n", scenario, Machine.loadavg());
    }

    /** Creates a fresh database in the data dir and lets {@code seed} fill it through the store classes. */
    void seed(Consumer<SqlStores> seed) {
        try {
            if (Files.exists(dataDir)) {
                throw new IllegalStateException("data dir " + dataDir + " exists already");
            }
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long t0 = System.nanoTime();
        try (SqlStores stores = SqlStores.sqlite(dbFile(), Clock.systemUTC())) {
            seed.accept(stores);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        result.put("seedSeconds", s);
        System.out.printf("[%s] seeded in %.1f s%n", result.scenario(), s);
    }

    Path dbFile() {
        return dataDir.resolve("parley.db");
    }

    Path dataDir() {
        return dataDir;
    }

    /** Starts the server JVM on the seeded data dir and the load client; CPU meters start here. */
    void startServer() {
        server = ServerProcess.start(serverJar, dataDir, freePort(), serverJvmOpts, Duration.ofMinutes(5));
        System.out.printf("[%s] server pid %d ready on port %d in %.0f ms (log: %s)%n", result.scenario(), server.pid(),
                server.port(), server.spawnToReadyMillis(), server.log());
        result.put("serverEnvironment", ServerProcess.benchEnvironment(server.port(), dataDir));
        client = new LoadClient(clientThreads, server.port(), sources, ackEveryMillis, fullDecode);
        serverCpu = new ProcStats.CpuMeter(server.pid());
        selfCpu = new ProcStats.CpuMeter(ProcessHandle.current().pid());
    }

    ServerProcess server() {
        return server;
    }

    LoadClient client() {
        return client;
    }

    ProcStats.CpuMeter newServerCpu() {
        return new ProcStats.CpuMeter(server.pid());
    }

    ProcStats.CpuMeter newSelfCpu() {
        return new ProcStats.CpuMeter(ProcessHandle.current().pid());
    }

    long serverRssKb() {
        return ProcStats.rssKb(server.pid());
    }

    static long selfRssKb() {
        return ProcStats.rssKb(ProcessHandle.current().pid());
    }

    /** Writes the result file (with whole-run CPU of both processes and the load averages) and prints its path. */
    Path finish() {
        if (serverCpu != null) {
            result.put("serverCpuSeconds", serverCpu.cpuSecondsSinceStart());
            result.put("generatorCpuSeconds", selfCpu.cpuSecondsSinceStart());
            result.put("serverVmHwmKb", ProcStats.statusKb(server.pid(), "VmHWM"));
        }
        result.put("errors", stats.errorCodes());
        result.put("unexpectedCloses", stats.unexpectedCloses.sum());
        result.put("options", options.effective());
        result.put("command", String.join(" ", options.raw()));
        result.put("loadavgAfter", Machine.loadavg());
        result.put("machine", Machine.describe());
        System.out.printf("[%s] load average after: %s%n", result.scenario(), Machine.loadavg());
        if (!options.unused().isEmpty()) {
            System.out.println("WARNING: unknown options ignored: " + options.unused());
        }
        return result.write();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        if (!options.flag("keep-data")) {
            deleteTree(dataDir);
        }
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }
}
