package dev.parley.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.model.DeviceIdentity;
import dev.parley.core.service.AccountService;
import dev.parley.core.service.RateLimiter;
import dev.parley.core.service.ServiceException;
import dev.parley.protocol.ErrorCode;
import dev.parley.server.Errors;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: WebSocket upgrades on {@code /v1/ws} pass through to the WebSocket handlers; every other
 * request is copied out of Netty's buffers and handled on a virtual thread (handlers block on the store
 * and on Argon2), then answered with JSON. Shared by all channels.
 */
@ChannelHandler.Sharable
public final class HttpApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(HttpApiHandler.class);

    private final RouteTable routes;
    private final AccountService accounts;
    private final ObjectMapper mapper;
    private final ExecutorService workers;
    private final RateLimiter authLimiter;
    private final MeterRegistry metrics;
    private final StaticAssets assets;

    public HttpApiHandler(RouteTable routes, AccountService accounts, ObjectMapper mapper, ExecutorService workers,
                          RateLimiter authLimiter, MeterRegistry metrics, StaticAssets assets) {
        super(false);
        this.assets = assets;
        this.routes = routes;
        this.accounts = accounts;
        this.mapper = mapper;
        this.workers = workers;
        this.authLimiter = authLimiter;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        if (uri.path().equals("/v1/ws")) {
            ctx.fireChannelRead(request);
            return;
        }
        if (assets.handles(request.method(), uri.path())) { // the browser client (web/ on the classpath)
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            String etags = request.headers().get(HttpHeaderNames.IF_NONE_MATCH);
            request.release();
            assets.respond(ctx, request.method(), uri.path(), etags, keepAlive);
            return;
        }
        HttpCall call = copy(ctx, request, uri);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        request.release();
        workers.execute(() -> respond(ctx, call, keepAlive));
    }

    private void respond(ChannelHandlerContext ctx, HttpCall call, boolean keepAlive) {
        HttpResult result;
        try {
            result = handle(call);
        } catch (HttpError e) {
            result = error(e.code(), e.getMessage());
        } catch (ServiceException e) {
            result = error(Errors.code(e.failure()), e.getMessage());
        } catch (RuntimeException e) {
            log.atError().setCause(e).addKeyValue("path", call.path()).log("http handler failed");
            result = error(ErrorCode.INTERNAL, "internal error");
        }
        metrics.counter("parley.http.requests", "status", Integer.toString(result.status())).increment();
        write(ctx, result, keepAlive);
    }

    private HttpResult handle(HttpCall call) {
        RouteTable.Match match = routes.match(call.method(), call.path());
        if (isAuthEndpoint(call) && !authLimiter.tryAcquire(call.remoteAddress())) {
            throw new HttpError(ErrorCode.RATE_LIMITED, "too many registrations or logins from " + call.remoteAddress());
        }
        DeviceIdentity caller = null;
        if (match.route().authenticated()) {
            caller = accounts.authenticate(call.bearerToken()).orElseThrow(() -> new HttpError(
                    ErrorCode.UNAUTHENTICATED, "a valid 'Authorization: Bearer <token>' header is required"));
        }
        return match.route().handler().handle(call.withRoute(match.params(), caller));
    }

    private static boolean isAuthEndpoint(HttpCall call) {
        return call.method().equals(HttpMethod.POST)
                && (call.path().equals("/v1/accounts") || call.path().equals("/v1/sessions"));
    }

    private HttpResult error(ErrorCode code, String message) {
        return HttpResult.json(code.httpStatus(), Map.of("error", Map.of("code", code.wire(), "message", message)));
    }

    private void write(ChannelHandlerContext ctx, HttpResult result, boolean keepAlive) {
        byte[] body = body(result);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(result.status()), Unpooled.wrappedBuffer(body));
        if (result.contentType() != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, result.contentType());
        }
        result.headers().forEach(response.headers()::set);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        if (result.status() == 429) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, authLimiter.retryAfterSeconds());
        }
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private byte[] body(HttpResult result) {
        if (result.text() != null) {
            return result.text().getBytes(StandardCharsets.UTF_8);
        }
        if (result.json() == null) {
            return new byte[0];
        }
        try {
            return mapper.writeValueAsBytes(result.json());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode response", e);
        }
    }

    private static HttpCall copy(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
        String remote = ctx.channel().remoteAddress() instanceof InetSocketAddress isa
                ? isa.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
        return new HttpCall(request.method(), uri.path(), uri.parameters(), request.headers().copy(),
                ByteBufUtil.getBytes(request.content()), remote, Map.of(), null);
    }
}
