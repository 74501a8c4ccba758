package dev.parley.bench.sys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Parley server under test, as its own JVM: {@code java [jvmOpts] -jar parley-server.jar --config bench.conf}
 * with its own data dir, port and log file. The limits that would cap a benchmark (sends per second per device,
 * logins per IP, the request queue per connection, refusals before a flood close) are raised through the
 * environment variables of reference.conf and a small config file; log level WARN (no line per connection).
 */
public final class ServerProcess implements AutoCloseable {
    /** Config-file keys that have no environment variable; the rest goes through PARLEY_* variables. */
    private static final String CONFIG = """
            parley {
              http.host = "127.0.0.1"
              ws.max-queued-requests = 100000
              ws.max-rate-limited-per-minute = 100000000
            }
            """;

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final long spawnedNanos;
    private long readyNanos;

    private ServerProcess(Process process, int port, Path log, long spawnedNanos) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.spawnedNanos = spawnedNanos;
    }

    /** The environment that lifts the server's limits for benchmarking (documented in docs/benchmarks.md). */
    public static Map<String, String> benchEnvironment(int port, Path dataDir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PARLEY_PORT", String.valueOf(port));
        env.put("PARLEY_DATA_DIR", dataDir.toString());
        env.put("PARLEY_SENDS_PER_SECOND", "1000000");
        env.put("PARLEY_SEND_BURST", "1000000");
        env.put("PARLEY_AUTH_PER_SECOND", "1000000");
        env.put("PARLEY_AUTH_BURST", "1000000");
        env.put("PARLEY_LOG_LEVEL", "WARN");
        return env;
    }

    /** Starts the server and returns once {@code GET /ready} answers 200 (or throws with the log's tail). */
    public static ServerProcess start(Path jar, Path dataDir, int port, List<String> jvmOpts, Duration timeout) {
        return start(jar, dataDir, port, jvmOpts, Map.of(), timeout);
    }

    /** As {@link #start(Path, Path, int, List, Duration)}, with extra environment variables (they win). */
    public static ServerProcess start(Path jar, Path dataDir, int port, List<String> jvmOpts, Map<String, String> env,
                                      Duration timeout) {
        try {
            Files.createDirectories(dataDir);
            Path conf = dataDir.resolveSibling(dataDir.getFileName() + "-bench.conf");
            Files.writeString(conf, CONFIG);
            Path log = dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
            List<String> cmd = new ArrayList<>();
            cmd.add(javaExecutable());
            cmd.addAll(jvmOpts);
            cmd.addAll(ServerLaunch.command(jar, dataDir.getParent()));
            cmd.addAll(List.of("--config", conf.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(benchEnvironment(port, dataDir));
            pb.environment().putAll(env);
            long spawned = System.nanoTime();
            ServerProcess server = new ServerProcess(pb.start(), port, log, spawned);
            server.awaitReady(timeout);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the server from " + jar, e);
        }
    }

    /** The {@code java} of the JDK running the bench (the server runs on the same JDK). */
    public static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + " before ready:\n" + logTail());
            }
            if (status("/ready") == 200) {
                readyNanos = System.nanoTime();
                return;
            }
            try {
                process.waitFor(10, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        close();
        throw new IllegalStateException("server not ready within " + timeout + ":\n" + logTail());
    }

    private int status(String path) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(2)).build();
            return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** From spawning the JVM to the first 200 of {@code /ready}, in milliseconds. */
    public double spawnToReadyMillis() {
        return (readyNanos - spawnedNanos) / 1e6;
    }

    /** The server's own "parley ready … startMillis=N" (constructor to ready), or -1 when not logged. */
    public long loggedStartMillis() {
        try {
            for (String line : Files.readAllLines(log)) {
                int i = line.indexOf("startMillis=");
                if (line.contains("parley ready") && i >= 0) {
                    return Long.parseLong(line.substring(i + 12).replaceAll("[\"']", "").split("[^0-9]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Heap in use (bytes), summed over the heap pools of the server's Prometheus metrics; -1 if unreadable. */
    public long heapUsedBytes() {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build();
            String body = http.send(req, HttpResponse.BodyHandlers.ofString()).body();
            double sum = 0;
            for (String line : body.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return (long) sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A full GC in the server ({@code jcmd <pid> GC.run}), so heap and RSS readings hold live data only. */
    public void fullGc() {
        Path jcmd = Path.of(javaExecutable()).resolveSibling("jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid()), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + jcmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The server's live objects per class ({@code jcmd <pid> GC.class_histogram}, which runs a full GC first):
     * class name → bytes. Two of them, divided by the connections added in between, say what a connection holds.
     */
    public Map<String, Long> classHistogram() {
        Path jcmd = Path.of(javaExecutable()).resolveSibling("jcmd");
        Map<String, Long> bytes = new LinkedHashMap<>();
        try {
            Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid()), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(60, TimeUnit.SECONDS);
            for (String line : out.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 4 && f[0].endsWith(":")) {
                    bytes.put(f[3], Long.parseLong(f[2]));
                }
            }
        } catch (IOException | RuntimeException e) {
            return bytes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return bytes;
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM (graceful shutdown), then SIGKILL after 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
