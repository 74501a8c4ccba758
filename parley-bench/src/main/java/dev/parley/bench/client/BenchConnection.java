package dev.parley.bench.client;

import dev.parley.bench.metrics.BenchClock;
import dev.parley.bench.metrics.Stats;
import dev.parley.bench.seed.Seeder.Account;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated device: a WebSocket that authenticates with its bearer token, follows its update stream (cursor,
 * coalesced acks), sends messages to one chat when the scenario's scheduler says so, and times what comes back:
 * {@code accepted} (send → ✓), the {@code message} update at other members (send → delivered) and the receipt that
 * covers the message at the sender (send → ✓✓). All methods but {@link #close} run on the channel's event loop.
 */
public final class BenchConnection extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(BenchConnection.class);

    /** Scenario hooks, called on the event loop. */
    public interface Events {
        default void synced(BenchConnection c) {
        }

        default void update(BenchConnection c) {
        }

        default void ok(BenchConnection c, String id) {
        }

        /** The connection closed without {@link #close()} being called (the server closed it, or it failed). */
        default void closed(BenchConnection c) {
        }
    }

    private final LoadClient client;
    private final Account account;
    private final long chatId;
    private final Stats stats;
    private final Events events;
    private final CompletableFuture<BenchConnection> syncedFuture = new CompletableFuture<>();
    private final LongPairQueue awaitingReceipt = new LongPairQueue();
    private Channel channel;
    private LoopContext loop;
    private volatile boolean synced;
    private volatile boolean closing;
    private volatile long processed;
    private long acked;
    private long readyHead = -1;
    private long readyCursor = -1;
    private long resumeCursor = -1;
    private long counter;
    boolean ackQueued;
    long ackDue;
    boolean flushQueued;

    public BenchConnection(LoadClient client, Account account, long chatId, Stats stats, Events events) {
        this.client = client;
        this.account = account;
        this.chatId = chatId;
        this.stats = stats;
        this.events = events;
    }

    /** Authenticate with this processed cursor (a reconnecting device); default: the server's stored cursor. */
    public BenchConnection resumeFrom(long cursor) {
        this.resumeCursor = cursor;
        return this;
    }

    public Account account() {
        return account;
    }

    public long chatId() {
        return chatId;
    }

    public boolean isSynced() {
        return synced;
    }

    /** Highest cursor received so far. */
    public long processed() {
        return processed;
    }

    public long readyHead() {
        return readyHead;
    }

    public long readyCursor() {
        return readyCursor;
    }

    /** Completes when the connection is live ({@code synced}); fails when it closes before. */
    public CompletableFuture<BenchConnection> syncedFuture() {
        return syncedFuture;
    }

    public Channel channel() {
        return channel;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        loop = client.context(ctx.channel().eventLoop());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            loop.connections.add(this);
            ctx.writeAndFlush(new TextWebSocketFrame(FrameWriter.auth(ctx.alloc(), account.token(), resumeCursor)));
        } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            ctx.close();
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        try {
            if (msg instanceof CloseWebSocketFrame close) {
                stats.error("close " + close.statusCode());
                if (stats.errors.sum() <= 5) {
                    log.warn("user {}: server closed with {} {}", account.userId(), close.statusCode(), close.reasonText());
                }
                ctx.close();
            } else if (msg instanceof TextWebSocketFrame text) {
                int len = text.content().readableBytes();
                byte[] buf = loop.scratch(len);
                text.content().getBytes(text.content().readerIndex(), buf, 0, len);
                Inbound in = loop.inbound;
                client.scanner().scan(buf, len, in);
                dispatch(in);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void dispatch(Inbound in) {
        switch (in.type) {
            case "update" -> update(in);
            case "accepted" -> accepted(in);
            case "ready" -> {
                readyCursor = in.cursor;
                readyHead = in.head;
                processed = Math.max(processed, in.cursor);
                acked = Math.max(acked, in.cursor);
                stats.ready.increment();
            }
            case "synced" -> {
                synced = true;
                stats.synced.increment();
                events.synced(this);
                syncedFuture.complete(this);
            }
            case "error" -> {
                stats.error(in.code);
                if (stats.errors.sum() <= 5) {
                    log.warn("user {}: error {} {}", account.userId(), in.code, in.message);
                }
            }
            case "ok" -> events.ok(this, in.id);
            default -> {
            }
        }
    }

    private void update(Inbound in) {
        stats.updates.increment();
        if (in.cursor <= processed) {
            return; // already processed (a resume may repeat entries)
        }
        processed = in.cursor;
        long now = BenchClock.now();
        switch (in.kind == null ? "" : in.kind) {
            case "message" -> {
                if (in.senderId != account.userId()) {
                    stats.deliveries.increment();
                    long intended = BenchClock.intended(in.messageClientId);
                    if (intended >= 0) {
                        Stats.record(stats.delivered, intended, now);
                    }
                }
            }
            case "receipt", "groupReceipt" -> {
                while (!awaitingReceipt.isEmpty() && awaitingReceipt.firstA() <= in.deliveredSeq) {
                    Stats.record(stats.receipt, awaitingReceipt.firstB(), now);
                    stats.receipts.increment();
                    awaitingReceipt.removeFirst();
                }
            }
            default -> {
            }
        }
        if (client.ackIntervalMillis() > 0) {
            loop.markAck(this);
        }
        events.update(this);
    }

    private void accepted(Inbound in) {
        stats.accepted.increment();
        long intended = BenchClock.intended(in.clientId);
        if (intended >= 0) {
            Stats.record(stats.ack, intended, BenchClock.now());
            awaitingReceipt.add(in.seq, intended);
        }
    }

    /** Writes a send scheduled for {@code intendedNanos} (flushed at the end of the scheduler's tick). */
    public void send(long intendedNanos, byte[] text) {
        if (closing || !channel.isActive()) {
            return;
        }
        String clientId = BenchClock.clientId(intendedNanos, counter++);
        channel.write(new TextWebSocketFrame(FrameWriter.send(channel.alloc(), chatId, clientId, text)),
                channel.voidPromise());
        stats.sent.increment();
        loop.markFlush(this);
    }

    /** Acknowledges everything received so far, if anything is new (no id: no answer). */
    void sendAck() {
        if (processed > acked && channel.isActive() && !closing) {
            acked = processed;
            channel.writeAndFlush(new TextWebSocketFrame(FrameWriter.ack(channel.alloc(), acked)), channel.voidPromise());
            stats.acksSent.increment();
        }
    }

    /** Acknowledges everything received so far with a request id: the server answers {@code ok} when durable. */
    public void ackWithId(String id) {
        channel.eventLoop().execute(() -> {
            acked = processed;
            channel.writeAndFlush(new TextWebSocketFrame(FrameWriter.ack(channel.alloc(), id, acked)), channel.voidPromise());
            stats.acksSent.increment();
        });
    }

    void flush() {
        channel.flush();
    }

    /** Closes the connection (expected: not counted as an unexpected close). Any thread. */
    public void close() {
        closing = true;
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        loop.connections.remove(this);
        synced = false;
        if (!closing) {
            stats.unexpectedCloses.increment();
            events.closed(this);
        }
        syncedFuture.completeExceptionally(new IllegalStateException("closed before synced"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (stats.unexpectedCloses.sum() < 5 && !closing) {
            log.warn("user {}: {}", account.userId(), cause.toString());
        }
        ctx.close();
    }
}
