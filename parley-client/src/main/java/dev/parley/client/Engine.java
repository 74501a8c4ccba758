package dev.parley.client;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.CloseCodes;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ServerFrame;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;

/**
 * The client's state machine: connection lifecycle (connect, authenticate, heartbeat, reconnect with
 * backoff, close) and the update stream (dedupe, processed cursor, coalesced acks). Sends and requests in
 * flight live in {@link Traffic}, presence and typing in {@link Signals}. Everything here runs on the
 * {@link EventLoop} thread; the transport's threads only decode frames and post them, and late events of an
 * old connection are recognised by their {@link Link} no longer being the current one. So no lock is needed.
 */
final class Engine {
    /** RFC 6455 "abnormal closure": used locally for network errors and client-side timeouts. */
    static final int ABNORMAL = CloseCodes.ABNORMAL;
    private static final System.Logger LOG = System.getLogger(Engine.class.getName());
    private static final String CLIENT_CLOSED = "client closed";

    private final ClientConfig config;
    private final Transport transport;
    private final Backoff backoff;
    private final EventLoop loop;
    private final Callbacks callbacks;
    private final Runnable onTerminated;
    private final FrameCodec codec = new FrameCodec();
    private final FrameReader reader = new FrameReader(codec);
    private final EventDelivery delivery;
    private final Traffic traffic;
    private final Signals signals;
    private final AckCoalescer acks;
    private final CompletableFuture<ServerFrame.Ready> firstReady = new CompletableFuture<>();
    private final CompletableFuture<ConnectionState> closed = new CompletableFuture<>();
    private final CompletableFuture<Void> terminatedSignal = new CompletableFuture<>();
    private volatile ConnectionState state;
    private volatile ParleyClosedException terminalError;

    private Link link;
    private int generation;
    private int failures;
    private boolean started;
    private boolean readyOnce;
    private boolean closing;
    private boolean terminated;
    private ScheduledFuture<?> ackTimer;
    private ScheduledFuture<?> reconnectTimer;

    Engine(ClientConfig config, Transport transport, Backoff backoff, EventLoop loop, Callbacks callbacks,
           Runnable onTerminated) {
        this.config = config;
        this.transport = transport;
        this.backoff = backoff;
        this.loop = loop;
        this.callbacks = callbacks;
        this.onTerminated = onTerminated;
        this.delivery = new EventDelivery(config.listener(), config.cursorStore());
        this.traffic = new Traffic(config, loop, callbacks, codec, this::readyLink);
        this.signals = new Signals(config.listener(), callbacks, codec);
        this.acks = new AckCoalescer(config.ackBatch());
        this.state = ConnectionState.of(ConnectionState.Phase.IDLE, config.clock().instant());
    }

    // ---- API (any thread) ----

    CompletableFuture<ServerFrame.Ready> start() {
        post(this::begin, firstReady);
        return firstReady;
    }

    /** Queues {@code message} (already validated by its constructor); its request id is replaced on the wire. */
    CompletableFuture<ServerFrame.Accepted> send(ClientFrame.Send message) {
        var entry = new Outbox.Entry(message, new CompletableFuture<>());
        post(() -> {
            if (!failIfTerminated(entry.result)) {
                traffic.enqueue(entry);
            }
        }, entry.result);
        return entry.result;
    }

    <T extends ServerFrame> CompletableFuture<T> request(Function<String, ClientFrame> frame, Class<T> type) {
        var pending = new PendingRequests.Pending<>(frame.apply(traffic.nextId("r")), type,
                new CompletableFuture<T>());
        post(() -> {
            if (!failIfTerminated(pending.result)) {
                traffic.enqueue(pending);
            }
        }, pending.result);
        return pending.result;
    }

    /** Runs {@code task} on the event loop after everything posted before, with the ready connection or null. */
    void onLoop(java.util.function.Consumer<Link> task) {
        post(() -> task.accept(readyLink()), null);
    }

    Signals signals() {
        return signals;
    }

    /** Starts closing; the returned future completes once the engine stopped (not on the callback thread). */
    CompletableFuture<Void> close() {
        post(this::beginClose, null);
        return terminatedSignal;
    }

    ConnectionState state() {
        return state;
    }

    long cursor() {
        return delivery.processed();
    }

    int pendingSends() {
        return traffic.pendingSends();
    }

    CompletableFuture<ConnectionState> closedFuture() {
        return closed;
    }

    // ---- lifecycle ----

    private void begin() {
        if (started || closing) {
            return;
        }
        started = true;
        setState(ConnectionState.of(ConnectionState.Phase.CONNECTING, now()));
        open();
    }

    private void open() {
        reconnectTimer = null;
        if (closing) {
            return;
        }
        Link l = new Link(++generation);
        link = l;
        l.readyTimeout = loop.schedule(config.requestTimeout(),
                () -> abandon(l, "no ready frame within " + config.requestTimeout()));
        try {
            var events = new LinkEvents(l, reader, loop, this::received, this::lost);
            transport.open(config.webSocketUri(), events).whenComplete((connection, error) -> {
                if (!loop.post(() -> opened(l, connection, error)) && connection != null) {
                    connection.abort();
                }
            });
        } catch (RuntimeException e) {
            lost(l, ABNORMAL, Failures.describe(e));
        }
    }

    private void opened(Link l, Transport.Connection connection, Throwable error) {
        if (error != null) {
            lost(l, ABNORMAL, Failures.describe(error));
        } else if (l != link) {
            connection.abort();
        } else {
            l.connection = connection;
            long cursor = delivery.processed();
            l.send(codec.encode(new ClientFrame.Auth(l.authId, config.token(), cursor > 0 ? cursor : null)));
        }
    }

    private void abandon(Link l, String reason) {
        if (l.connection != null) {
            l.connection.abort();
        }
        lost(l, ABNORMAL, reason);
    }

    private void lost(Link l, int code, String reason) {
        if (l != link) {
            return;
        }
        link = null;
        l.cancelTimers();
        cancelAckTimer();
        traffic.connectionLost(code, reason == null ? "" : reason);
        if (closing) {
            terminate(CloseCodes.NORMAL, CLIENT_CLOSED);
        } else if (CloseCodes.isTerminal(code)) {
            terminate(code, reason);
        } else {
            Duration delay = backoff.delay(failures++);
            LOG.log(System.Logger.Level.DEBUG, "connection lost ({0}: {1}); reconnecting in {2}", code, reason, delay);
            setState(new ConnectionState(ConnectionState.Phase.RECONNECTING, code, reason, now()));
            reconnectTimer = loop.schedule(delay, this::open);
        }
    }

    private void beginClose() {
        if (closing) {
            return;
        }
        closing = true;
        Link.cancel(reconnectTimer);
        Link l = link;
        if (l == null || l.connection == null) {
            terminate(CloseCodes.NORMAL, CLIENT_CLOSED);
            return;
        }
        if (l.ready) {
            flushAck(l);
        }
        l.connection.close(CloseCodes.NORMAL, CLIENT_CLOSED);
        loop.schedule(config.closeTimeout(), () -> terminate(CloseCodes.NORMAL, CLIENT_CLOSED));
    }

    private void terminate(int code, String reason) {
        if (terminated) {
            return;
        }
        terminated = true;
        closing = true;
        dropLink();
        cancelAckTimer();
        Link.cancel(reconnectTimer);
        ParleyClosedException error = new ParleyClosedException(code, reason == null ? "" : reason);
        terminalError = error;
        traffic.failAll(error);
        if (!readyOnce) {
            callbacks.fail(firstReady, error);
        }
        ConnectionState last = new ConnectionState(ConnectionState.Phase.CLOSED, code, error.reason(), now());
        setState(last);
        callbacks.complete(closed, last);
        callbacks.shutdown();
        loop.shutdown();
        terminatedSignal.complete(null);
        onTerminated.run();
    }

    private void dropLink() {
        Link l = link;
        link = null;
        if (l != null) {
            l.cancelTimers();
            if (l.connection != null) {
                l.connection.abort();
            }
        }
    }

    // ---- inbound frames ----

    private void received(Link l, FrameReader.Result result) {
        if (l != link) {
            return;
        }
        switch (result) {
            case FrameReader.Frame f -> onFrame(l, f.frame());
            case FrameReader.Broken b -> onError(l, new ServerFrame.Error(b.requestId(), ErrorCode.INTERNAL.wire(),
                    "cannot decode the server's frame: " + b.problem()));
        }
    }

    private void onFrame(Link l, ServerFrame frame) {
        switch (frame) {
            case ServerFrame.Ready r -> onReady(l, r);
            case ServerFrame.Update u -> onUpdate(u);
            case ServerFrame.Synced s -> onSynced(s);
            case ServerFrame.Accepted a -> traffic.onAccepted(a);
            case ServerFrame.PresenceFrame p -> signals.presence(p.presence());
            case ServerFrame.TypingFrame t -> signals.typing(t);
            case ServerFrame.Presences p -> {
                signals.presences(p);
                traffic.onResponse(p);
            }
            case ServerFrame.Error e -> onError(l, e);
            case ServerFrame.Pong p when l.isHeartbeat(p.id()) -> l.heartbeat.answered();
            default -> traffic.onResponse(frame);
        }
    }

    private void onReady(Link l, ServerFrame.Ready ready) {
        l.ready = true;
        Link.cancel(l.readyTimeout);
        failures = 0;
        acks.reset(ready.cursor());
        callbacks.run(() -> delivery.resumeAt(ready.cursor()));
        setState(ConnectionState.of(ConnectionState.Phase.SYNCING, now()));
        if (!readyOnce) {
            readyOnce = true;
            callbacks.complete(firstReady, ready);
        }
        traffic.transmitAll(l);
        signals.connected(l, traffic.pendingRequests());
        l.heartbeat = new Heartbeat(loop, config.pingInterval(), config.requestTimeout(), () -> traffic.nextId("hb"),
                id -> l.send(codec.encode(new ClientFrame.Ping(id))), reason -> abandon(l, reason));
        l.heartbeat.start();
    }

    private void onUpdate(ServerFrame.Update update) {
        callbacks.run(() -> {
            if (delivery.deliver(update)) {
                loop.post(() -> processed(update.cursor()));
            }
        });
    }

    private void onSynced(ServerFrame.Synced synced) {
        callbacks.run(() -> {
            config.listener().onSynced(synced.cursor());
            loop.post(this::flushAck);
        });
        setState(ConnectionState.of(ConnectionState.Phase.LIVE, now()));
    }

    private void onError(Link l, ServerFrame.Error error) {
        String id = error.id();
        ParleyApiException problem = ParleyApiException.of(error);
        if (id != null && id.equals(l.authId)) {
            authRefused(l, problem);
        } else if (l.isHeartbeat(id)) {
            l.heartbeat.answered();
        } else if (id == null || !traffic.onError(id, problem)) {
            LOG.log(System.Logger.Level.WARNING, "server error not tied to a pending request: " + problem.getMessage());
        }
    }

    private void authRefused(Link l, ParleyApiException problem) {
        if (problem.code() == ErrorCode.UNAUTHENTICATED) {
            l.connection.abort();
            lost(l, CloseCodes.UNAUTHENTICATED, "authentication refused: " + problem.getMessage());
        } else {
            abandon(l, "authentication failed: " + problem.getMessage());
        }
    }

    // ---- acks ----

    private void processed(long cursor) {
        if (terminated) {
            return;
        }
        if (acks.processed(cursor)) {
            flushAck();
        } else if (ackTimer == null) {
            ackTimer = loop.schedule(config.ackDelay(), this::flushAck);
        }
    }

    private void flushAck() {
        Link l = readyLink();
        if (l != null) {
            flushAck(l);
        }
    }

    private void flushAck(Link l) {
        cancelAckTimer();
        acks.take().ifPresent(cursor -> l.send(codec.encode(new ClientFrame.Ack(null, cursor))));
    }

    // ---- helpers ----

    /** The current connection if it is authenticated and the client is not closing, else null. */
    private Link readyLink() {
        return link != null && link.ready && !closing ? link : null;
    }

    private boolean failIfTerminated(CompletableFuture<?> result) {
        if (terminated) {
            result.completeExceptionally(terminalError);
        }
        return terminated;
    }

    private void cancelAckTimer() {
        Link.cancel(ackTimer);
        ackTimer = null;
    }

    private void setState(ConnectionState next) {
        state = next;
        callbacks.run(() -> config.listener().onStateChanged(next));
    }

    private java.time.Instant now() {
        return config.clock().instant();
    }

    /** Posts {@code task}; when the loop is gone, fails {@code orFail} (if any) with the terminal error. */
    private void post(Runnable task, CompletableFuture<?> orFail) {
        if (!loop.post(task) && orFail != null) {
            ParleyClosedException error = terminalError;
            orFail.completeExceptionally(error != null ? error : new ParleyClosedException(CloseCodes.NORMAL, CLIENT_CLOSED));
        }
    }
}
