package dev.parley.server.net;

import dev.parley.server.ServerConfig;
import dev.parley.server.http.HttpApiHandler;
import dev.parley.server.ws.SessionServices;
import dev.parley.server.ws.WebSocketSessionHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.function.Supplier;

/**
 * The connection pipeline, in the order bytes flow:
 * silence watch (one timer: ping after each ping-interval of silence, close after the idle timeout; any bytes count as
 * life)
 * → HTTP codec → streamed media endpoints (uploads and downloads, never aggregated) → request aggregation (JSON API bodies are small) → HTTP API (everything
 * but {@code /v1/ws}) → WebSocket upgrade, control frames and close handshake → fragment aggregation →
 * the device's session.
 */
public final class ParleyChannelInitializer extends ChannelInitializer<SocketChannel> {
    /** Pipeline name of the {@link SilenceHandler} (media downloads suspend it while they stream). */
    public static final String SILENCE = "silence";
    private final ServerConfig config;
    private final Supplier<? extends ChannelHandler> media;
    private final HttpApiHandler api;
    private final SessionServices services;
    /** Immutable, so one for all connections (built per connection it was 48 B of each idle connection's heap). */
    private final WebSocketServerProtocolConfig wsConfig;

    public ParleyChannelInitializer(ServerConfig config, Supplier<? extends ChannelHandler> media, HttpApiHandler api,
                                    SessionServices services) {
        this.config = config;
        this.media = media;
        this.api = api;
        this.services = services;
        this.wsConfig = wsConfig(config.ws());
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ServerConfig.Ws ws = config.ws();
        ch.pipeline()
                .addLast(SILENCE, new SilenceHandler(ws.pingInterval().toMillis(), ws.idleTimeout().toMillis()))
                .addLast("http", new HttpServerCodec())
                .addLast("media", media.get())
                .addLast("aggregate", new JsonHttpObjectAggregator(config.maxBodyBytes()))
                .addLast("api", api)
                .addLast("ws-protocol", new WebSocketServerProtocolHandler(wsConfig))
                .addLast("ws-aggregate", new WebSocketFrameAggregator(ws.hardMaxFrameBytes()))
                .addLast("session", new WebSocketSessionHandler(services));
    }

    private static WebSocketServerProtocolConfig wsConfig(ServerConfig.Ws ws) {
        return WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/v1/ws")
                .checkStartsWith(true)
                .subprotocols(WebSocketSessionHandler.SUBPROTOCOL)
                .maxFramePayloadLength(ws.hardMaxFrameBytes())
                .handleCloseFrames(false)
                // the session answers protocol violations itself, with a lingering close (ProtocolViolations)
                .closeOnProtocolViolation(false)
                .dropPongFrames(false)
                .withUTF8Validator(false)
                .handshakeTimeoutMillis(10_000)
                .build();
    }
}
