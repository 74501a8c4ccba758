package dev.parley.server.media;

import dev.parley.core.media.MediaService;
import dev.parley.core.model.MediaContent;
import dev.parley.core.model.MediaItem;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import dev.parley.server.net.ParleyChannelInitializer;
import dev.parley.server.net.SilenceHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Downloads: {@code GET|HEAD /v1/media/{id}} with one byte range, ETag = the SHA-256 (content never changes under
 * an id), private immutable caching, and the thumbnail. Bodies stream from the blob store in 64 KiB chunks; the
 * writer waits for each chunk to leave the outbound buffer when the channel is not writable (slow readers hold no
 * more than the channel's high-water mark). While a body streams the connection's idle timeout is lifted (a long
 * video to a slow phone sends for minutes without receiving anything) and restored afterwards.
 */
public final class MediaDownloads {
    private static final int CHUNK = 64 * 1024;
    private static final String IMMUTABLE = "private, max-age=31536000, immutable";

    private final MediaService media;
    private final MediaResponses responses;
    private final Duration idleTimeout;

    public MediaDownloads(MediaService media, MediaResponses responses, Duration idleTimeout) {
        this.media = media;
        this.responses = responses;
        this.idleTimeout = idleTimeout;
    }

    /** Answers a download or thumbnail request of {@code userId}; null when the response was streamed here. */
    HttpResponse serve(ChannelHandlerContext ctx, StreamedRequest r, long userId) throws IOException {
        MediaItem item = media.readable(userId, r.route().id());
        return r.route().kind() == MediaRoute.Kind.THUMBNAIL ? thumbnail(item) : download(ctx, r, item);
    }

    private HttpResponse thumbnail(MediaItem item) {
        String thumbnail = item.ref().thumbnail();
        if (thumbnail == null) {
            return responses.error(dev.parley.protocol.ErrorCode.NOT_FOUND, "media '" + item.id()
                    + "' has no thumbnail", java.util.Map.of());
        }
        byte[] jpeg = Base64.getDecoder().decode(thumbnail);
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(jpeg));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "image/jpeg")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, jpeg.length)
                .set(HttpHeaderNames.CACHE_CONTROL, "private, max-age=3600")
                .set("X-Content-Type-Options", "nosniff");
        return response;
    }

    private HttpResponse download(ChannelHandlerContext ctx, StreamedRequest r, MediaItem item) throws IOException {
        MediaContent c = item.content();
        String etag = "\"" + c.sha256() + "\"";
        if (etagMatches(r.header(HttpHeaderNames.IF_NONE_MATCH), etag)) {
            DefaultFullHttpResponse notModified = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.NOT_MODIFIED, Unpooled.EMPTY_BUFFER);
            notModified.headers().set(HttpHeaderNames.ETAG, etag).set(HttpHeaderNames.CACHE_CONTROL, IMMUTABLE);
            return notModified;
        }
        String ifRange = r.header(HttpHeaderNames.IF_RANGE);
        Optional<ByteRange> range = ifRange == null || ifRange.equals(etag)
                ? rangeOf(r, c.size()) : Optional.empty();
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1,
                range.isPresent() ? HttpResponseStatus.PARTIAL_CONTENT : HttpResponseStatus.OK);
        describe(head.headers(), item, etag);
        long start = range.map(ByteRange::start).orElse(0L);
        long length = range.map(ByteRange::length).orElse(c.size());
        head.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
        range.ifPresent(b -> head.headers().set(HttpHeaderNames.CONTENT_RANGE, b.contentRange(c.size())));
        if (r.method().equals(HttpMethod.HEAD)) {
            return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, head.status(), Unpooled.EMPTY_BUFFER,
                    head.headers(), io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE);
        }
        try (InputStream in = media.open(item, start, length)) {
            stream(ctx, head, in, length, r.keepAlive());
        }
        return null;
    }

    private static Optional<ByteRange> rangeOf(StreamedRequest r, long size) {
        try {
            return ByteRange.parse(r.header(HttpHeaderNames.RANGE), size);
        } catch (ByteRange.Unsatisfiable e) {
            throw new ByteRangeRefused(e.getMessage(), size);
        }
    }

    private static void describe(HttpHeaders h, MediaItem item, String etag) {
        String mime = item.content().mime();
        h.set(HttpHeaderNames.CONTENT_TYPE, mime)
                .set(HttpHeaderNames.ETAG, etag)
                .set(HttpHeaderNames.ACCEPT_RANGES, "bytes")
                .set(HttpHeaderNames.CACHE_CONTROL, IMMUTABLE)
                .set(HttpHeaderNames.CONTENT_DISPOSITION, disposition(mime, item.fileName(), item.id()))
                .set("X-Content-Type-Options", "nosniff")
                .set("Content-Security-Policy", "default-src 'none'; sandbox");
    }

    /** Inline for what browsers display as media; attachment (saved, never rendered as a page) for the rest. */
    static String disposition(String mime, String fileName, String id) {
        boolean inline = mime.startsWith("image/") && !mime.equals("image/svg+xml")
                || mime.startsWith("video/") || mime.startsWith("audio/");
        String name = fileName != null ? fileName : id;
        String ascii = name.replaceAll("[^A-Za-z0-9._ -]", "_");
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return (inline ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    static boolean etagMatches(String header, String etag) {
        if (header == null) {
            return false;
        }
        for (String candidate : header.split(",")) {
            String t = candidate.trim();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** Streams {@code length} bytes after {@code head}, waiting on the socket when the outbound buffer is full. */
    private void stream(ChannelHandlerContext ctx, HttpResponse head, InputStream in, long length, boolean keepAlive)
            throws IOException {
        ChannelPipeline pipeline = ctx.pipeline();
        SilenceHandler silence = (SilenceHandler) pipeline.get(ParleyChannelInitializer.SILENCE);
        if (silence != null) {
            silence.suspend();
        }
        try {
            MediaResponses.connectionHeader(head.headers(), keepAlive);
            ctx.write(head);
            byte[] buffer = new byte[CHUNK];
            ChannelFuture last = length == 0 ? ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT) : null;
            for (long left = length; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(CHUNK, left));
                if (n < 0) {
                    throw new IOException("the stored blob ended " + left + " bytes early");
                }
                ByteBuf chunk = ctx.alloc().buffer(n).writeBytes(buffer, 0, n);
                left -= n;
                // The final bytes travel as the LastHttpContent itself: the encoder has finished this response before
                // the client can have read it all and sent its next request on the connection.
                ChannelFuture written = ctx.writeAndFlush(left == 0 ? new DefaultLastHttpContent(chunk)
                        : new DefaultHttpContent(chunk));
                last = written;
                if (!ctx.channel().isWritable() && !written.awaitUninterruptibly(idleTimeout.toMillis())) {
                    ctx.close();
                    return;
                }
                if (!ctx.channel().isActive()) {
                    return;
                }
            }
            if (!keepAlive) {
                last.addListener(io.netty.channel.ChannelFutureListener.CLOSE);
            }
        } finally {
            if (silence != null) {
                silence.resume();
            }
        }
    }

    /** A Range outside the content: 416 with {@code Content-Range: bytes *}{@code /size}. */
    static final class ByteRangeRefused extends RuntimeException {
        final long size;

        ByteRangeRefused(String message, long size) {
            super(message, null, false, false);
            this.size = size;
        }
    }
}
