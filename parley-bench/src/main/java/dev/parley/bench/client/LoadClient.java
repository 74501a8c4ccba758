package dev.parley.bench.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load generator's network side: a Netty client on 1–2 event-loop threads (epoll when available) that holds
 * thousands of WebSocket connections. Connections are spread over several loopback source addresses
 * (127.0.0.2, 127.0.0.3 …) so no single address runs out of ephemeral ports. A process can hold at most the
 * open-file limit's worth of sockets (~19,000 under a 20,000 hard limit).
 */
public final class LoadClient implements AutoCloseable {
    private final EventLoopGroup group;
    private final Class<? extends Channel> channelType;
    private final Map<EventLoop, LoopContext> contexts = new HashMap<>();
    private final List<LoopContext> loops = new ArrayList<>();
    private final List<InetAddress> sources = new ArrayList<>();
    private final AtomicInteger nextSource = new AtomicInteger();
    private final InetSocketAddress server;
    private final URI uri;
    private final FrameScanner scanner;
    private final long ackIntervalMillis;

    public LoadClient(int threads, int port, int sourceAddresses, long ackIntervalMillis, boolean fullDecode) {
        IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(threads, io);
        this.channelType = Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class;
        this.server = new InetSocketAddress("127.0.0.1", port);
        this.uri = URI.create("ws://127.0.0.1:" + port + "/v1/ws");
        this.scanner = new FrameScanner(fullDecode);
        this.ackIntervalMillis = ackIntervalMillis;
        for (EventExecutor e : group) {
            LoopContext ctx = new LoopContext((EventLoop) e, ackIntervalMillis);
            contexts.put((EventLoop) e, ctx);
            loops.add(ctx);
        }
        try {
            for (int i = 0; i < Math.max(1, sourceAddresses); i++) {
                sources.add(InetAddress.getByName("127.0.0." + (2 + i)));
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens the connection; the handshake, {@code auth} and {@code synced} follow on the event loop. */
    public ChannelFuture connect(BenchConnection c) {
        InetAddress source = sources.get(Math.floorMod(nextSource.getAndIncrement(), sources.size()));
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .subprotocol("parley.v1")
                .handleCloseFrames(false)
                .dropPongFrames(true)
                .maxFramePayloadLength(1 << 20)
                .handshakeTimeoutMillis(120_000)
                .absoluteUpgradeUrl(false)
                // the generator is not under test: Netty's UTF-8 check of every received text frame was half of
                // its event-loop CPU in B4, taken from the server it shares the machine with (the scanner still
                // rejects malformed JSON, and --full-decode checks every frame against protocol v1)
                .withUTF8Validator(false)
                .build();
        return new Bootstrap().group(group).channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 60_000)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                                new WebSocketClientProtocolHandler(config), c);
                    }
                })
                .connect(server, new InetSocketAddress(source, 0));
    }

    LoopContext context(EventLoop loop) {
        return contexts.get(loop);
    }

    /** One context per event loop. */
    public List<LoopContext> loops() {
        return loops;
    }

    FrameScanner scanner() {
        return scanner;
    }

    long ackIntervalMillis() {
        return ackIntervalMillis;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
