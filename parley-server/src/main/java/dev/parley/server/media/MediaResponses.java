package dev.parley.server.media;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.protocol.ErrorCode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Map;

/** Writes the answers of the streamed media endpoints: JSON bodies and errors as in the rest of the HTTP API. */
final class MediaResponses {
    private final ObjectMapper mapper;

    MediaResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A JSON answer ({@code body} null: no body) with extra headers. */
    FullHttpResponse json(int status, Object body, Map<String, String> headers) {
        byte[] bytes = encode(body);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(bytes));
        if (body != null) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        }
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        headers.forEach(r.headers()::set);
        return r;
    }

    FullHttpResponse error(ErrorCode code, String message, Map<String, String> headers) {
        return json(code.httpStatus(), Map.of("error", Map.of("code", code.wire(), "message", message)), headers);
    }

    /** Sends a complete response; closes the connection after it unless it may be reused. */
    static void send(ChannelHandlerContext ctx, HttpResponse response, boolean keepAlive) {
        connectionHeader(response.headers(), keepAlive);
        ChannelFuture written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    static void connectionHeader(HttpHeaders headers, boolean keepAlive) {
        headers.set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
    }

    private byte[] encode(Object body) {
        if (body == null) {
            return new byte[0];
        }
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode response", e);
        }
    }
}
