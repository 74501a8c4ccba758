package dev.parley.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Parley server on port 0 with a fresh data directory, for one test class
 * ({@code @RegisterExtension static TestServer server = new TestServer();}). Argon2 runs with small
 * parameters so that tests can register many users; everything else is the production default unless
 * a test overrides it with {@link #with}.
 */
public final class TestServer implements BeforeAllCallback, AfterAllCallback {
    private final Map<String, Object> overrides = new HashMap<>(Map.of(
            "parley.http.port", 0,
            "parley.http.host", "127.0.0.1",
            "parley.http.auth-per-second", 1000,
            "parley.http.auth-burst", 1000,
            "parley.security.argon2-memory-kib", 1024,
            "parley.security.argon2-iterations", 1));
    private ParleyServer server;
    private Path dataDir;
    private Clock clock = Clock.systemUTC();

    /** Runs the server on {@code clock} (a {@link MutableClock} for timeouts). */
    public TestServer withClock(Clock clock) {
        this.clock = clock;
        return this;
    }

    public TestServer with(String key, Object value) {
        overrides.put(key, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("parley-test");
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    public void start() {
        overrides.put("parley.data-dir", dataDir.toString());
        server = ParleyServer.start(ServerConfig.load(null, overrides), clock);
        overrides.put("parley.http.port", server.port());
    }

    public void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public ParleyServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    public URI http() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public URI ws() {
        return URI.create("ws://127.0.0.1:" + port() + "/v1/ws");
    }

    public Path dataDir() {
        return dataDir;
    }

    static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
