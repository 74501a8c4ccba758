package dev.parley.server.ws;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;

/**
 * Sits right behind Netty's WebSocket frame decoder and turns a corrupt or oversized frame into the session's
 * lingering close ({@link WebSocketSessionHandler#protocolViolation}) instead of letting the exception reach
 * {@code WebSocketServerProtocolHandler}, which closes the socket at once. Closing at once while the peer is still
 * sending (a 1 MiB frame is still arriving) makes the kernel answer with a reset, and the peer may lose the close
 * frame it was about to read — it saw 1006 instead of 1009. Stateless, so one instance serves every connection.
 */
@ChannelHandler.Sharable
final class ProtocolViolations extends ChannelInboundHandlerAdapter {
    static final ProtocolViolations INSTANCE = new ProtocolViolations();

    private ProtocolViolations() {
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof CorruptedWebSocketFrameException corrupt)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        WebSocketSessionHandler session = ctx.pipeline().get(WebSocketSessionHandler.class);
        if (session == null) {
            ctx.close();
            return;
        }
        int code = corrupt.closeStatus() == null ? 1002 : corrupt.closeStatus().code();
        session.protocolViolation(ctx, code);
    }
}
