package dev.parley.server;

import dev.parley.core.port.Connection;
import dev.parley.core.routing.Fanout;
import dev.parley.core.routing.InProcessConnectionRegistry;
import dev.parley.core.service.AccountService;
import dev.parley.core.presence.InProcessPresenceRegistry;
import dev.parley.core.service.ChatService;
import dev.parley.core.service.ContactService;
import dev.parley.core.service.PresenceService;
import dev.parley.core.service.TypingService;
import dev.parley.core.service.GroupService;
import dev.parley.core.service.MessageIds;
import dev.parley.core.service.MessageService;
import dev.parley.core.service.RateLimiter;
import dev.parley.core.service.AckCoalescer;
import dev.parley.core.service.ReceiptService;
import dev.parley.core.service.Tokens;
import dev.parley.protocol.FrameCodec;
import dev.parley.server.http.AccountApi;
import dev.parley.server.http.HttpApiHandler;
import dev.parley.server.http.OpsApi;
import dev.parley.server.http.RouteTable;
import dev.parley.server.media.MediaModule;
import dev.parley.core.model.PurgeReport;
import dev.parley.core.service.RetentionService;
import dev.parley.server.net.ParleyChannelInitializer;
import dev.parley.server.security.Argon2PasswordHasher;
import dev.parley.server.ws.SessionServices;
import dev.parley.server.ws.UpdateFrames;
import dev.parley.server.ws.ViewMapper;
import dev.parley.store.sql.SqlStores;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of embedded mode: builds the stores, services and the Netty gateway, and owns
 * their lifecycle. {@link #close()} is the graceful shutdown: stop accepting, close connections with
 * 1001, let running requests finish, flush and close the store.
 */
public final class ParleyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ParleyServer.class);
    /**
     * Backlog pages (≤ 256 entries each) read, encoded and written at once by all delivery pumps together: a
     * few per store read connection keeps the readers busy while a reconnect storm of thousands of devices
     * holds only this many pages in memory (measured with B4 in docs/benchmarks.md).
     */
    private static final int CONCURRENT_BACKLOG_PAGES = 16;

    private final SqlStores stores;
    private final InProcessConnectionRegistry registry;
    private final ExecutorService workers;
    private final EventLoopGroup boss;
    private final EventLoopGroup io;
    private final Channel serverChannel;
    private final MediaModule media;
    private final RetentionService retention;
    private final java.util.concurrent.ScheduledExecutorService ackTimer;
    private final AckCoalescer acks;
    private final java.util.concurrent.atomic.AtomicBoolean purging = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean ready;

    private ParleyServer(ServerConfig config, Clock clock) throws InterruptedException {
        long started = System.nanoTime();
        this.stores = openStores(config, clock);
        this.registry = new InProcessConnectionRegistry();
        stores.updates().listen(new Fanout(registry));
        this.workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("parley-", 0).factory());
        PrometheusMeterRegistry metrics = metrics(registry);
        FrameCodec codec = new FrameCodec();
        SecureRandom random = new SecureRandom();
        MessageIds messageIds = new MessageIds(clock, random);
        var argon = config.argon2();
        AccountService accounts = new AccountService(stores.accounts(),
                new Argon2PasswordHasher(argon.memoryKib(), argon.iterations(), argon.parallelism()),
                new Tokens(random), registry, clock);
        ChatService chats = new ChatService(stores.chats(), stores.messages(), stores.accounts(), config.limits(), clock);
        RateLimiter sendLimiter = new RateLimiter(clock, config.limits().sendsPerSecond(), config.limits().sendBurst());
        RateLimiter authLimiter = new RateLimiter(clock, config.authPerSecond(), config.authBurst());
        ContactService contacts = new ContactService(stores.contacts(), stores.accounts(),
                new RateLimiter(clock, config.limits().phoneLookupsPerDay() / 86_400.0, config.limits().phoneLookupsPerDay()),
                clock);
        MessageService messages = new MessageService(stores.messages(), stores.chats(), stores.media(), contacts, sendLimiter,
                messageIds, config.limits(), clock);
        this.ackTimer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("parley-ack-timer").daemon().factory());
        this.acks = new AckCoalescer(stores.receipts(), ackTimer, workers, clock, config.ws().ackCoalesceWindow(),
                (e, deviceId) -> log.atWarn().setCause(e).addKeyValue("deviceId", deviceId)
                        .log("coalesced ack failed; the device resumes from its own cursor"));
        ReceiptService receipts = new ReceiptService(stores.receipts(), accounts, acks);
        GroupService groups = new GroupService(stores.groups(), stores.chats(), stores.accounts(), messageIds,
                new Tokens(random), config.limits().maxGroupMembers(), clock);
        PresenceService presence = new PresenceService(
                new InProcessPresenceRegistry(config.presenceTimeout(), config.presenceGrace()), stores.lastSeen(),
                contacts, accounts, chats, clock);
        TypingService typing = new TypingService(stores.chats(), contacts, registry,
                new RateLimiter(clock, config.limits().typingPerSecond(), config.limits().typingBurst()));
        this.retention = new RetentionService(stores.retention(), config.retention(), messageIds, clock);
        ViewMapper views = new ViewMapper(accounts, receipts);
        SessionServices sessions = new SessionServices(accounts, chats, messages, groups, presence, contacts, typing,
                retention,
                new java.util.concurrent.atomic.AtomicLong(), receipts, stores.updates(), registry,
                views, new UpdateFrames(views, codec), new java.util.concurrent.Semaphore(CONCURRENT_BACKLOG_PAGES), codec, config.ws(), workers, metrics, clock);
        RouteTable routes = new RouteTable();
        new OpsApi(metrics, () -> ready).register(routes);
        new AccountApi(accounts, codec.mapper()).register(routes);
        this.media = MediaModule.open(config.media(), config.dataDir(), stores.media(), accounts, codec.mapper(),
                workers, config.ws().idleTimeout(), random, clock);
        media.register(routes);
        HttpApiHandler api = new HttpApiHandler(routes, accounts, codec.mapper(), workers, authLimiter, metrics,
                dev.parley.server.http.StaticAssets.fromClasspath());
        IoHandlerFactory ioFactory = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.boss = new MultiThreadIoEventLoopGroup(1, ioFactory);
        this.io = new MultiThreadIoEventLoopGroup(ioFactory);
        this.serverChannel = bind(config, new ParleyChannelInitializer(config, media::newHandler, api, sessions));
        io.scheduleAtFixedRate(() -> {
            sendLimiter.evictIdle();
            authLimiter.evictIdle();
        }, 1, 1, TimeUnit.MINUTES);
        io.scheduleAtFixedRate(() -> workers.execute(presence::sweep), 1, 1, TimeUnit.SECONDS);
        long purgeMillis = config.purgeInterval().toMillis();
        io.scheduleAtFixedRate(() -> workers.execute(this::purge), purgeMillis, purgeMillis, TimeUnit.MILLISECONDS);
        long gcMillis = config.media().gcInterval().toMillis();
        io.scheduleAtFixedRate(() -> workers.execute(media::collect), gcMillis, gcMillis, TimeUnit.MILLISECONDS);
        this.ready = true;
        // Deferred from the start (docs/benchmarks.md, B5); each is also made on first need.
        workers.execute(() -> {
            accounts.prepareTimingEqualizer();
            media.prepare();
        });
        log.atInfo().addKeyValue("port", port()).addKeyValue("dataDir", config.dataDir().toAbsolutePath())
                .addKeyValue("transport", Epoll.isAvailable() ? "epoll" : "nio")
                .addKeyValue("startMillis", (System.nanoTime() - started) / 1_000_000).log("parley ready");
    }

    /** Starts a server; returns once it accepts connections. */
    public static ParleyServer start(ServerConfig config, Clock clock) {
        try {
            return new ParleyServer(config, clock);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /**
     * Runs the retention purge now (it also runs every purge-interval): trims acknowledged entries, expires
     * undelivered ones past the TTL, purges delivered messages (until-delivered) and disappearing ones. One run at a
     * time; returns what it did (nothing when another run is in progress).
     */
    public PurgeReport purge() {
        if (!purging.compareAndSet(false, true)) {
            return PurgeReport.NOTHING;
        }
        try {
            PurgeReport report = retention.purge();
            if (report.purgedMessages() + report.timerMessages() + report.expiredEntries() > 0) {
                log.atInfo().addKeyValue("purgedMessages", report.purgedMessages())
                        .addKeyValue("disappeared", report.timerMessages())
                        .addKeyValue("expiredEntries", report.expiredEntries())
                        .addKeyValue("trimmedEntries", report.trimmedEntries()).log("retention purge");
            }
            return report;
        } catch (RuntimeException e) {
            log.atWarn().setCause(e).log("retention purge failed; it runs again at the next interval");
            return PurgeReport.NOTHING;
        } finally {
            purging.set(false);
        }
    }

    /** Runs media garbage collection and the abandoned-upload sweep now (they also run every gc-interval). */
    public void collectMedia() {
        media.collect();
    }

    public boolean ready() {
        return ready;
    }

    @Override
    public void close() {
        if (!ready) {
            return;
        }
        ready = false;
        log.info("parley shutting down");
        serverChannel.close().syncUninterruptibly();
        registry.closeAll(Connection.CloseReason.SHUTDOWN);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("requests still running after 10s; closing the store anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ackTimer.shutdownNow();
        int flushed = acks.flushAll();
        log.atInfo().addKeyValue("devices", flushed).log("coalesced acks written");
        stores.close();
        media.close();
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        log.info("parley stopped");
    }

    private Channel bind(ServerConfig config, ParleyChannelInitializer initializer) throws InterruptedException {
        Class<? extends ServerChannel> channelType = Epoll.isAvailable()
                ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        int high = config.ws().outboundHighWaterBytes();
        return new ServerBootstrap()
                .group(boss, io)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(high / 2, high))
                .childHandler(initializer)
                .bind(config.host(), config.port()).sync().channel();
    }

    private static SqlStores openStores(ServerConfig config, Clock clock) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data-dir '" + config.dataDir() + "'", e);
        }
        return SqlStores.sqlite(config.dataDir().resolve("parley.db"), clock);
    }

    private static PrometheusMeterRegistry metrics(InProcessConnectionRegistry registry) {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        Gauge.builder("parley.ws.connections", registry, InProcessConnectionRegistry::size).register(metrics);
        return metrics;
    }
}
