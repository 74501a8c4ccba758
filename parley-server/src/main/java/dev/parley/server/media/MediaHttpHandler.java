package dev.parley.server.media;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;

/**
 * Sits before request aggregation and takes the requests of the streamed media endpoints ({@link MediaRoute}) out
 * of the pipeline: their body chunks go into a {@link BodyPipe} read by a virtual thread (never aggregated, so a
 * 1 GB upload needs no 1 GB of heap), their answers are written by {@link MediaEndpoints}. Every other message
 * passes on untouched. One instance per connection (it holds the state of the request in progress).
 */
public final class MediaHttpHandler extends ChannelInboundHandlerAdapter {
    /** Body bytes buffered per upload before the socket stops being read. */
    private static final int BODY_HIGH_WATER = 1024 * 1024;

    private final MediaEndpoints endpoints;
    /** True from a taken request's head to its last content: its content messages are ours. */
    private boolean taking;
    private BodyPipe body;

    public MediaHttpHandler(MediaEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && !taking) {
            MediaRoute route = MediaRoute.match(request.method(), new QueryStringDecoder(request.uri()).path());
            if (route == null) {
                ctx.fireChannelRead(msg);
                return;
            }
            take(ctx, request, route);
        }
        if (!taking) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (msg instanceof HttpContent content) {
            consume(content);
        } else if (!(msg instanceof HttpRequest)) {
            ReferenceCountUtil.release(msg);
        }
    }

    private void take(ChannelHandlerContext ctx, HttpRequest request, MediaRoute route) {
        taking = true;
        body = route.hasBody() ? new BodyPipe(ctx.channel(), BODY_HIGH_WATER) : null;
        if (body != null && HttpUtil.is100ContinueExpected(request)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER));
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        StreamedRequest streamed = new StreamedRequest(route, request.method(), uri.parameters(),
                request.headers().copy(), HttpUtil.isKeepAlive(request), body);
        endpoints.dispatch(ctx, streamed);
    }

    private void consume(HttpContent content) {
        try {
            if (body != null && content.content().isReadable()) {
                body.offer(content.content().retain());
            }
            if (content instanceof LastHttpContent) {
                if (body != null) {
                    body.end();
                }
                taking = false;
                body = null;
            }
        } finally {
            content.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (body != null) {
            body.fail(new IOException("the connection closed before the request body ended"));
        }
        super.channelInactive(ctx);
    }
}
