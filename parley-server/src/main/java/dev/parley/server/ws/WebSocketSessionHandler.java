package dev.parley.server.ws;

import dev.parley.protocol.CloseCodes;
import dev.parley.protocol.ErrorCode;
import dev.parley.server.net.SilenceHandler.Silence;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Netty side of a WebSocket connection (one instance per channel): turns frames into calls on the
 * {@link WebSocketSession}, enforces the application frame size and strict UTF-8, and runs the
 * heartbeat: after each {@code ping-interval} of silence it pings; when the pipeline's silence handler reports
 * {@code idle-timeout} of silence it closes with 4000. Any bytes from the peer count as life (pongs, pings,
 * frames). A connection that never upgraded (plain HTTP keep-alive) is closed after one silent interval.
 * A message larger than the transport limit closes with 1009.
 */
public final class WebSocketSessionHandler extends ChannelInboundHandlerAdapter {
    /** Subprotocol the server speaks; a client may also offer {@code bearer.<token>} to authenticate. */
    public static final String SUBPROTOCOL = "parley.v1";
    private static final String BEARER_PREFIX = "bearer.";

    private final SessionServices services;
    private WebSocketSession session;

    public WebSocketSessionHandler(SessionServices services) {
        this.services = services;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete hs) {
            dropHttpHandlers(ctx);
            watchProtocolViolations(ctx);
            session = new WebSocketSession(ctx.channel(), services);
            session.opened(token(hs));
        } else if (evt == Silence.PING) {
            onSilence(ctx);
        } else if (evt == Silence.TIMEOUT) {
            onIdleTimeout(ctx);
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof CloseWebSocketFrame close) {
                onPeerClose(ctx, close);
                return;
            }
            if (session == null) {
                return;
            }
            session.heartbeat();
            if (msg instanceof TextWebSocketFrame text) {
                onText(text.content());
            } else if (msg instanceof BinaryWebSocketFrame) {
                session.receiveInvalid(ErrorCode.INVALID_FRAME, "binary frames are not supported; send JSON text frames");
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (session != null) {
            session.writabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            session.closed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException && session != null) {
            session.closeLingering(CloseCodes.TOO_BIG, "frame exceeds " + services.config().hardMaxFrameBytes() + " bytes");
        } else {
            ctx.close();
        }
    }

    private void closeWith(ChannelHandlerContext ctx, int code, String reason) {
        if (session != null) {
            session.close(code, reason);
        } else {
            ctx.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * The peer's close frame (close frames are handled here, not by Netty's protocol handler, so that exactly one
     * close frame ever leaves): the reply to ours — just close the TCP connection — or the peer starting the close
     * handshake — echo its code once, then close.
     */
    private void onPeerClose(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
        if (session != null && session.closing()) {
            ctx.close();
            return;
        }
        int code = close.statusCode() > 0 ? close.statusCode() : 1000;
        if (session != null) {
            session.close(code, "");
        } else {
            ctx.writeAndFlush(new CloseWebSocketFrame(code, "")).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void onText(ByteBuf content) {
        int max = services.config().maxFrameBytes();
        if (content.readableBytes() > max) {
            session.receiveInvalid(ErrorCode.FRAME_TOO_LARGE,
                    "frame has " + content.readableBytes() + " bytes, the limit is " + max);
            return;
        }
        String text;
        try {
            ByteBuffer bytes = content.nioBuffer();
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            session.receiveInvalid(ErrorCode.MALFORMED_JSON, "frame is not valid UTF-8");
            return;
        }
        session.receive(text);
    }

    private void onSilence(ChannelHandlerContext ctx) {
        if (session == null) {
            ctx.close();
            return;
        }
        ctx.writeAndFlush(new PingWebSocketFrame());
    }

    private void onIdleTimeout(ChannelHandlerContext ctx) {
        if (session == null) {
            ctx.close();
            return;
        }
        closeWith(ctx, CloseCodes.IDLE_TIMEOUT, "idle timeout");
    }

    /**
     * After the upgrade only WebSocket frames arrive: the HTTP-only handlers (streamed media, JSON API) would sit in
     * every idle connection's pipeline for nothing (docs/benchmarks.md, B3), so they go. The handshaker already
     * replaced the HTTP codec and removed the aggregator.
     */
    /** Puts {@link ProtocolViolations} right behind the frame decoder the handshake installed. */
    private static void watchProtocolViolations(ChannelHandlerContext ctx) {
        ChannelHandlerContext decoder = ctx.pipeline().context(WebSocketFrameDecoder.class);
        if (decoder != null) {
            ctx.pipeline().addAfter(decoder.name(), "ws-violations", ProtocolViolations.INSTANCE);
        }
    }

    /**
     * The frame decoder found a corrupt or oversized frame ({@code code} 1002 or 1009): the close frame goes out,
     * then our side of the TCP connection is shut down while the decoder discards whatever the peer still sends,
     * until the peer closes or the grace period ends — so the peer reads the close frame instead of a reset.
     */
    void protocolViolation(ChannelHandlerContext ctx, int code) {
        String reason = code == CloseCodes.TOO_BIG
                ? "frame exceeds " + services.config().hardMaxFrameBytes() + " bytes" : "protocol violation";
        if (session != null) {
            session.closeLingering(code, reason);
        } else {
            ctx.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static void dropHttpHandlers(ChannelHandlerContext ctx) {
        for (String name : List.of("media", "api")) {
            if (ctx.pipeline().get(name) != null) {
                ctx.pipeline().remove(name);
            }
        }
    }

    /** A token from {@code ?access_token=} or a {@code bearer.<token>} subprotocol, else null. */
    private static String token(WebSocketServerProtocolHandler.HandshakeComplete hs) {
        List<String> query = new QueryStringDecoder(hs.requestUri()).parameters().get("access_token");
        if (query != null && !query.isEmpty()) {
            return query.get(0);
        }
        String protocols = hs.requestHeaders().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        if (protocols == null) {
            return null;
        }
        for (String p : protocols.split(",")) {
            String trimmed = p.trim();
            if (trimmed.startsWith(BEARER_PREFIX)) {
                return trimmed.substring(BEARER_PREFIX.length());
            }
        }
        return null;
    }
}
