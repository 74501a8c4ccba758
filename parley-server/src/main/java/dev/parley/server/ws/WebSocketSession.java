package dev.parley.server.ws;

import dev.parley.core.delivery.DeliveryPump;
import dev.parley.core.delivery.SerialExecutor;
import dev.parley.core.model.DeviceIdentity;
import dev.parley.core.model.Update;
import dev.parley.core.port.Connection;
import dev.parley.core.service.ServiceException;
import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.CloseCodes;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.Errors;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection after the upgrade: authentication, request handling and update delivery.
 *
 * <p>Threads: Netty's event loop only hands raw text to {@link #receive}; requests run in order on the
 * session's serial executor (virtual threads, may block on the store); delivery runs on a second serial
 * executor inside the {@link DeliveryPump}, so a slow send never delays what the device receives.
 */
public final class WebSocketSession implements Connection, DeliveryPump.Sink {
    private static final Logger log = LoggerFactory.getLogger(WebSocketSession.class);
    private static final long CLOSE_GRACE_MILLIS = 2000;
    private static final long PRESENCE_COALESCE_MILLIS = 1000;

    private final Channel channel;
    private final SessionServices s;
    private final SerialExecutor requests;
    private final RequestHandler handler;
    /** Created on the first offence (most connections never offend; docs/benchmarks.md, B3). */
    private AbuseMeter invalidFrames;
    private AbuseMeter refused;
    private volatile DeviceIdentity identity;
    private volatile DeliveryPump pump;
    private volatile boolean closing;
    private final long connectionId;
    /** Presence changes not sent yet; created on the first one (under {@code this}). */
    private volatile PendingPresence pendingPresence;
    /** Only while a connection without a token waits for its {@code auth}; null after. */
    private volatile AuthDeadline authDeadline;
    private ScheduledFuture<?> slowTimer;
    /** Pushed updates not flushed yet; only touched by the delivery pump's serial executor. */
    private boolean unflushed;

    public WebSocketSession(Channel channel, SessionServices services) {
        this.channel = channel;
        this.s = services;
        this.requests = new SerialExecutor(services.workers(), this::failed);
        this.handler = new RequestHandler(services);
        this.connectionId = services.connectionIds().incrementAndGet();
    }

    /** The upgrade completed; {@code token} came with it (query or subprotocol) or is null. */
    public void opened(String token) {
        if (token != null) {
            requests.execute(() -> authenticate(null, token, null));
            return;
        }
        authDeadline = new AuthDeadline(channel.eventLoop(), s.config().authTimeout().toMillis(),
                () -> identity != null || closing,
                () -> close(CloseCodes.UNAUTHENTICATED, "no auth frame within " + s.config().authTimeout().toSeconds() + "s"))
                .start();
    }

    /** Any sign of life from the peer (a frame or a pong) — event loop. */
    public void heartbeat() {
        if (identity != null) {
            s.presence().heartbeat(this, connectionId);
        }
    }

    /** A text frame arrived (event loop). */
    public void receive(String text) {
        if (requests.pending() >= s.config().maxQueuedRequests()) {
            // Refused right here: a flood must not grow the queue it is being refused for.
            refuse(null, ErrorCode.RATE_LIMITED,
                    "more than " + s.config().maxQueuedRequests() + " requests waiting; slow down");
            return;
        }
        AuthDeadline deadline = authDeadline;
        Runnable work = () -> process(text);
        requests.execute(identity == null && deadline != null ? deadline.counting(work) : work);
    }

    /** A frame that cannot be decoded at all arrived (binary, oversize, invalid UTF-8) — event loop. */
    public void receiveInvalid(ErrorCode code, String message) {
        requests.execute(() -> invalid(null, code, message));
    }

    /** The channel closed. */
    public void closed() {
        closing = true;
        cancelAuthTimeout();
        DeliveryPump p = pump;
        if (p != null) {
            p.stop();
        }
        if (identity != null) {
            s.presence().disconnected(this, connectionId);
            s.registry().unregister(this);
            log.atInfo().addKeyValue("userId", identity.userId()).addKeyValue("deviceId", identity.deviceId())
                    .log("connection closed");
        }
    }

    /** Cancels and forgets the auth deadline: kept in a field, its cancelled task would stay on the heap. */
    private void cancelAuthTimeout() {
        AuthDeadline deadline = authDeadline;
        authDeadline = null;
        if (deadline != null) {
            deadline.cancel();
        }
    }

    private void process(String text) {
        ClientFrame frame;
        try {
            frame = s.codec().decodeClient(text);
        } catch (ProtocolException e) {
            invalid(e.requestId(), e.code(), e.getMessage());
            return;
        }
        DeviceIdentity me = identity;
        if (me == null) {
            if (frame instanceof ClientFrame.Auth a) {
                authenticate(a.id(), a.token(), a.cursor());
            } else {
                invalid(frame.id(), ErrorCode.UNAUTHENTICATED, "send an auth frame first");
            }
            return;
        }
        try {
            ServerFrame response = handler.handle(this, me, frame);
            if (response != null) {
                send(response);
            }
        } catch (ServiceException e) {
            ErrorCode code = Errors.code(e.failure());
            if (code == ErrorCode.RATE_LIMITED) {
                refuse(frame.id(), code, e.getMessage());
            } else {
                send(ServerFrame.Error.of(frame.id(), code, e.getMessage()));
            }
        } catch (RuntimeException e) {
            log.atError().setCause(e).addKeyValue("userId", me.userId()).addKeyValue("frame", frame.getClass().getSimpleName())
                    .log("request failed");
            send(ServerFrame.Error.of(frame.id(), ErrorCode.INTERNAL, "internal error; the request may be retried"));
        }
    }

    private void authenticate(String requestId, String token, Long clientCursor) {
        DeviceIdentity me = s.accounts().authenticate(token).orElse(null);
        if (me == null) {
            send(ServerFrame.Error.of(requestId, ErrorCode.UNAUTHENTICATED, "token is unknown or revoked"));
            close(CloseCodes.UNAUTHENTICATED, "token is unknown or revoked");
            return;
        }
        identity = me;
        cancelAuthTimeout();
        s.registry().register(this);
        if (!channel.isActive() || s.accounts().authenticate(token).isEmpty()) {
            close(CloseCodes.DEVICE_REVOKED, "device revoked");
            return;
        }
        long head = s.updates().head(me.userId());
        long cursor = resumeCursor(me, clientCursor, head);
        DeliveryPump p = new DeliveryPump(me.userId(), s.updates(), new SerialExecutor(s.workers(), this::failed),
                this, s.config().maxPendingUpdates(), s.storePages());
        pump = p;
        send(new ServerFrame.Ready(requestId, me.userId(), me.deviceId(), cursor, head, s.clock().millis()));
        p.start(cursor);
        startPresence(me);
        log.atInfo().addKeyValue("userId", me.userId()).addKeyValue("deviceId", me.deviceId())
                .addKeyValue("cursor", cursor).addKeyValue("head", head).log("connection authenticated");
    }

    /**
     * Registers this connection's presence and watches contacts and direct peers; their current state follows
     * {@code synced} (so the backlog and the presence snapshot never interleave).
     */
    private void startPresence(DeviceIdentity me) {
        s.presence().connected(this, connectionId);
        java.util.Set<Long> watched = s.presence().implicitWatchSet(me.userId());
        s.presence().watch(this, watched);
        if (!watched.isEmpty()) {
            pendingPresence().addAll(watched);
        }
    }

    /** Resume after the later of the server's acked cursor and the client's processed cursor (capped at head). */
    private long resumeCursor(DeviceIdentity me, Long clientCursor, long head) {
        // an ack coalesced on this node but not written yet counts (AckCoalescer)
        long acked = Math.max(Math.max(0, s.updates().ackedCursor(me.deviceId())),
                Math.min(head, s.receipts().pendingAck(me.deviceId())));
        if (clientCursor == null || clientCursor <= acked) {
            return acked;
        }
        long processed = Math.min(clientCursor, head);
        s.receipts().acknowledge(me, processed);
        return processed;
    }

    private void invalid(String requestId, ErrorCode code, String message) {
        send(ServerFrame.Error.of(requestId, code, message));
        s.metrics().counter("parley.ws.invalid_frames", "code", code.wire()).increment();
        if (invalidFrames().offend()) {
            close(CloseCodes.POLICY_VIOLATION, "too many invalid frames");
        }
    }

    private void refuse(String requestId, ErrorCode code, String message) {
        send(ServerFrame.Error.of(requestId, code, message));
        if (refused().offend()) {
            close(CloseCodes.FLOOD, "too many requests");
        }
    }

    private synchronized AbuseMeter invalidFrames() {
        if (invalidFrames == null) {
            invalidFrames = new AbuseMeter(s.clock(), s.config().maxInvalidFramesPerMinute());
        }
        return invalidFrames;
    }

    private synchronized AbuseMeter refused() {
        if (refused == null) {
            refused = new AbuseMeter(s.clock(), s.config().maxRateLimitedPerMinute());
        }
        return refused;
    }

    private synchronized PendingPresence pendingPresence() {
        if (pendingPresence == null) {
            pendingPresence = new PendingPresence();
        }
        return pendingPresence;
    }

    private void failed(Throwable t) {
        log.atError().setCause(t).addKeyValue("channel", channel.id().asShortText()).log("session task failed");
        send(ServerFrame.Error.of(null, ErrorCode.INTERNAL, "internal error"));
    }

    private void send(ServerFrame frame) {
        if (!closing) {
            channel.writeAndFlush(textFrame(s.codec().encodeBytes(frame)));
        }
    }

    private static TextWebSocketFrame textFrame(byte[] utf8) {
        return new TextWebSocketFrame(Unpooled.wrappedBuffer(utf8));
    }

    /** Whether this side has sent its close frame (nothing more is sent). */
    boolean closing() {
        return closing;
    }

    /**
     * Closes after a transport-level violation while the peer may still be sending: the close frame, then a
     * half-close (FIN) instead of a close, so unread input does not turn into a reset that could destroy the close
     * frame at the peer; the channel closes when the peer does, or after the grace period.
     */
    void closeLingering(int code, String reason) {
        closeAfter(code, reason, f -> {
            if (channel instanceof io.netty.channel.socket.DuplexChannel duplex && f.isSuccess()) {
                duplex.shutdownOutput();
            } else {
                channel.close();
            }
        });
    }

    void close(int code, String reason) {
        closeAfter(code, reason, ChannelFutureListener.CLOSE);
    }

    /** Sends the one close frame, then {@code then}; the grace timer closes the channel in any case. */
    private void closeAfter(int code, String reason, ChannelFutureListener then) {
        if (closing) {
            return;
        }
        closing = true;
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(then);
        // The close frame may sit behind unsent data of a peer that does not read: do not wait for it forever.
        channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        log.atInfo().addKeyValue("code", code).addKeyValue("reason", reason).log("closing connection");
    }

    // --- Connection (the core's view) ---

    @Override
    public long userId() {
        return identity.userId();
    }

    @Override
    public long deviceId() {
        return identity.deviceId();
    }

    @Override
    public void offer(List<Update> updates) {
        DeliveryPump p = pump;
        if (p != null) {
            p.offer(updates);
        }
    }

    @Override
    public void close(CloseReason reason) {
        switch (reason) {
            case DEVICE_REVOKED -> close(CloseCodes.DEVICE_REVOKED, "device revoked");
            case SHUTDOWN -> close(CloseCodes.GOING_AWAY, "server shutting down");
            case SLOW_CONSUMER -> close(CloseCodes.SLOW_CONSUMER, "slow consumer: reconnect to resume");
        }
    }

    @Override
    public void signal(dev.parley.core.model.Signal signal) {
        if (closing) {
            return;
        }
        switch (signal) {
            case dev.parley.core.model.Signal.Typing t -> {
                if (channel.isWritable()) {
                    send(new ServerFrame.TypingFrame(t.chatId(), t.userId(), t.state().name().toLowerCase(java.util.Locale.ROOT),
                            dev.parley.core.service.TypingService.EXPIRES_IN_MS));
                }
            }
            case dev.parley.core.model.Signal.PresenceChanged p -> presenceChanged(p.userId());
        }
    }

    /** Coalesces presence changes: at most one flush per second, each sending the latest state of changed users. */
    private void presenceChanged(long userId) {
        if (pendingPresence().changed(userId)) {
            channel.eventLoop().schedule(() -> requests.execute(this::flushPresence), PRESENCE_COALESCE_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    private void flushPresence() {
        PendingPresence pending = pendingPresence;
        if (pending == null) {
            return;
        }
        List<Long> changed = pending.take();
        DeviceIdentity me = identity;
        if (me == null || closing) {
            return;
        }
        for (long id : changed) {
            send(new ServerFrame.PresenceFrame(PresenceRequests.view(s.presence().visible(id, me.userId()))));
        }
    }

    // --- DeliveryPump.Sink and backpressure ---

    @Override
    public boolean push(Update update) {
        if (closing) {
            return false;
        }
        if (!channel.isWritable()) {
            channel.eventLoop().execute(this::armSlowConsumerTimer);
            return false;
        }
        // A write from outside the event loop is queued lazily (no wake-up); flush() sends the batch.
        channel.write(textFrame(s.frames().encode(update)));
        unflushed = true;
        return true;
    }

    @Override
    public void flush() {
        if (unflushed) {
            unflushed = false;
            channel.flush();
        }
    }

    @Override
    public void synced(long cursor) {
        send(new ServerFrame.Synced(cursor));
        requests.execute(this::flushPresence);
    }

    /** The channel's writability changed (event loop): resume delivery, or keep the timer running. */
    public void writabilityChanged() {
        if (!channel.isWritable() || closing) {
            return;
        }
        if (slowTimer != null) {
            slowTimer.cancel(false);
            slowTimer = null;
        }
        DeliveryPump p = pump;
        if (p != null) {
            p.resume();
        }
    }

    /** Event loop: a push was refused; if the client does not drain its buffer in time, cut it off. */
    private void armSlowConsumerTimer() {
        if (slowTimer != null || closing) {
            return;
        }
        if (channel.isWritable()) {
            writabilityChanged();
            return;
        }
        slowTimer = channel.eventLoop().schedule(() -> {
            slowTimer = null;
            if (!channel.isWritable() && !closing) {
                s.metrics().counter("parley.ws.slow_consumers").increment();
                close(CloseReason.SLOW_CONSUMER);
            }
        }, s.config().slowConsumerTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }
}
