package dev.parley.server;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A Parley server in its own JVM (the real {@link Main}), so a test can kill it with SIGKILL. */
final class ServerProcess implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private final Map<String, String> env;
    private Process process;
    private String maxHeap = "-Xmx256m";

    ServerProcess(Path dataDir, Map<String, String> env) {
        this.dataDir = dataDir;
        this.port = freePort();
        this.env = env;
    }

    /** Runs the server with this maximum heap (a JVM option such as {@code -Xmx64m}). */
    ServerProcess withMaxHeap(String option) {
        this.maxHeap = option;
        return this;
    }

    ServerProcess start() {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java, maxHeap, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        pb.environment().putAll(env);
        pb.environment().put("PARLEY_DATA_DIR", dataDir.toString());
        pb.environment().put("PARLEY_PORT", Integer.toString(port));
        pb.environment().put("PARLEY_HOST", "127.0.0.1");
        pb.redirectErrorStream(true).redirectOutput(dataDir.resolve("server.log").toFile());
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> http.send(HttpRequest.newBuilder(http().resolve("/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        return this;
    }

    Process process() {
        return process;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    URI http() {
        return URI.create("http://127.0.0.1:" + port);
    }

    URI ws() {
        return URI.create("ws://127.0.0.1:" + port + "/v1/ws");
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
