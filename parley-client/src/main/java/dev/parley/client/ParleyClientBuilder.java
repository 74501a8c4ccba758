package dev.parley.client;

import dev.parley.protocol.ClientFrame;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/** Configures a {@link ParleyClient}; every setting has a default. Not thread-safe; build once. */
public final class ParleyClientBuilder {
    private final URI webSocketUri;
    private final String token;
    private Listener listener = new Listener() {
    };
    private CursorStore cursorStore = CursorStore.inMemory();
    private Clock clock = Clock.systemUTC();
    private HttpClient httpClient;
    private Duration pingInterval = Duration.ofSeconds(20);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Duration sendRetryInterval = Duration.ofSeconds(10);
    private Duration backoffMin = Duration.ofMillis(500);
    private Duration backoffMax = Duration.ofSeconds(30);
    private Duration ackDelay = Duration.ofMillis(50);
    private int ackBatch = 100;
    private Duration closeTimeout = Duration.ofSeconds(2);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private String name = "parley";
    private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
    private Transport transport;

    ParleyClientBuilder(URI server, String token) {
        this.webSocketUri = Endpoints.webSocket(server);
        new ClientFrame.Auth(null, token, null);
        this.token = token;
    }

    /** Receives updates and state changes (default: ignores everything). */
    public ParleyClientBuilder listener(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Where the processed cursor is kept (default: in memory, so a new client resumes from the server's ack). */
    public ParleyClientBuilder cursorStore(CursorStore cursorStore) {
        this.cursorStore = Objects.requireNonNull(cursorStore, "cursorStore");
        return this;
    }

    /** The clock that stamps {@link ConnectionState#since()} (default: system UTC). */
    public ParleyClientBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** The JDK HTTP client for the WebSocket (default: a private one, shut down on close). */
    public ParleyClientBuilder httpClient(HttpClient httpClient) {
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
        return this;
    }

    /** Time between application heartbeats after the previous pong (default 20 s). */
    public ParleyClientBuilder pingInterval(Duration pingInterval) {
        this.pingInterval = positive("pingInterval", pingInterval);
        return this;
    }

    /**
     * How long a request may wait for its response before failing with a {@link java.util.concurrent.TimeoutException},
     * the wait for {@code ready} after connecting and for a heartbeat pong before the connection counts as dead
     * (default 10 s).
     */
    public ParleyClientBuilder requestTimeout(Duration requestTimeout) {
        this.requestTimeout = positive("requestTimeout", requestTimeout);
        return this;
    }

    /** How long a transmitted send waits for its answer before it is transmitted again (default 10 s). */
    public ParleyClientBuilder sendRetryInterval(Duration sendRetryInterval) {
        this.sendRetryInterval = positive("sendRetryInterval", sendRetryInterval);
        return this;
    }

    /** Reconnect delays: {@code min} doubling per failure up to {@code max}, with jitter (default 500 ms..30 s). */
    public ParleyClientBuilder backoff(Duration min, Duration max) {
        this.backoffMin = positive("backoff min", min);
        this.backoffMax = positive("backoff max", max);
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff max must be >= min " + min + ", got " + max);
        }
        return this;
    }

    /** Acks are coalesced: at most one per {@code delay} unless {@code batch} updates are unacked (50 ms, 100). */
    public ParleyClientBuilder ackCoalescing(Duration delay, int batch) {
        this.ackDelay = positive("ack delay", delay);
        if (batch < 1) {
            throw new IllegalArgumentException("ack batch must be >= 1, got " + batch);
        }
        this.ackBatch = batch;
        return this;
    }

    /** How long {@link ParleyClient#close()} waits for the server's close handshake (default 2 s). */
    public ParleyClientBuilder closeTimeout(Duration closeTimeout) {
        this.closeTimeout = positive("closeTimeout", closeTimeout);
        return this;
    }

    /** Limit of the WebSocket opening handshake (default 10 s). */
    public ParleyClientBuilder connectTimeout(Duration connectTimeout) {
        this.connectTimeout = positive("connectTimeout", connectTimeout);
        return this;
    }

    /** Prefix of the client's thread names, handy in thread dumps (default "parley"). */
    public ParleyClientBuilder name(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must be a non-empty string, got '" + name + "'");
        }
        this.name = name;
        return this;
    }

    ParleyClientBuilder jitter(DoubleSupplier jitter) {
        this.jitter = jitter;
        return this;
    }

    ParleyClientBuilder transport(Transport transport) {
        this.transport = transport;
        return this;
    }

    /** Builds the client; it does not connect until {@link ParleyClient#connect()}. */
    public ParleyClient build() {
        ClientConfig config = new ClientConfig(webSocketUri, token, listener, cursorStore, clock, pingInterval,
                requestTimeout, sendRetryInterval, ackDelay, ackBatch, closeTimeout);
        HttpClient ownedHttp = transport == null && httpClient == null
                ? HttpClient.newBuilder().connectTimeout(connectTimeout).build() : null;
        Transport wire = transport != null ? transport
                : new JdkWebSocketTransport(ownedHttp != null ? ownedHttp : httpClient, connectTimeout);
        var callbacks = new Callbacks(Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name(name + "-events").daemon(true).factory()));
        Runnable release = ownedHttp == null ? () -> { } : ownedHttp::shutdown;
        Engine engine = new Engine(config, wire, new Backoff(backoffMin, backoffMax, 0.5, jitter),
                new EventLoop(EventLoop.executor(name)), callbacks, release);
        return new ParleyClient(engine, closeTimeout.plusSeconds(1));
    }

    private static Duration positive(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be > 0, got " + value);
        }
        return value;
    }
}
