package dev.parley.server.media;

import dev.parley.core.media.MediaLinks;
import dev.parley.core.media.MediaService;
import dev.parley.core.media.UploadService;
import dev.parley.core.media.UploadService.Progress;
import dev.parley.core.model.DeviceIdentity;
import dev.parley.core.model.MediaItem;
import dev.parley.core.service.AccountService;
import dev.parley.core.service.Failure;
import dev.parley.core.service.ServiceException;
import dev.parley.protocol.ErrorCode;
import dev.parley.server.Errors;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles the streamed media endpoints (docs/protocol.md §13.2) on virtual threads: resumable upload appends
 * (tus 1.0.0 core: {@code Upload-Offset}), upload offsets and cancels, video posters; downloads go to
 * {@link MediaDownloads}. Shared by all connections.
 */
public final class MediaEndpoints {
    private static final Logger log = LoggerFactory.getLogger(MediaEndpoints.class);
    static final String UPLOAD_OFFSET = "Upload-Offset";
    private static final long DRAIN_LIMIT = 1024 * 1024;

    private final AccountService accounts;
    private final UploadService uploads;
    private final MediaService media;
    private final MediaLinks links;
    private final MediaResponses responses;
    private final MediaDownloads downloads;
    private final ExecutorService workers;

    public MediaEndpoints(AccountService accounts, UploadService uploads, MediaService media, MediaLinks links,
                          MediaResponses responses, MediaDownloads downloads, ExecutorService workers) {
        this.accounts = accounts;
        this.uploads = uploads;
        this.media = media;
        this.links = links;
        this.responses = responses;
        this.downloads = downloads;
        this.workers = workers;
    }

    void dispatch(ChannelHandlerContext ctx, StreamedRequest request) {
        workers.execute(() -> handle(ctx, request));
    }

    private void handle(ChannelHandlerContext ctx, StreamedRequest r) {
        try {
            HttpResponse response = switch (r.route().kind()) {
                case UPLOAD_APPEND -> append(r);
                case UPLOAD_OFFSET -> offset(r);
                case UPLOAD_CANCEL -> cancel(r);
                case POSTER -> poster(r);
                case DOWNLOAD, THUMBNAIL -> downloads.serve(ctx, r, reader(r));
            };
            if (response != null) {
                reply(ctx, r, response);
            }
        } catch (ServiceException e) {
            reply(ctx, r, responses.error(Errors.code(e.failure()), e.getMessage(), Map.of()));
        } catch (MediaDownloads.ByteRangeRefused e) {
            reply(ctx, r, responses.error(ErrorCode.RANGE_NOT_SATISFIABLE, e.getMessage(),
                    Map.of("Content-Range", "bytes */" + e.size)));
        } catch (IOException | UncheckedIOException e) {
            ioFailure(ctx, r, e);
        } catch (RuntimeException e) {
            log.atError().setCause(e).addKeyValue("route", r.route()).log("media request failed");
            reply(ctx, r, responses.error(ErrorCode.INTERNAL, "internal error", Map.of()));
        }
    }

    /** The connection dropped mid-body (nothing to answer), or storage failed (500). */
    private void ioFailure(ChannelHandlerContext ctx, StreamedRequest r, Exception e) {
        if (!ctx.channel().isActive()) {
            log.atDebug().addKeyValue("route", r.route()).log("media request ended with its connection");
            return;
        }
        log.atError().setCause(e).addKeyValue("route", r.route()).log("media storage failed");
        reply(ctx, r, responses.error(ErrorCode.INTERNAL, "storage failed; retry (an upload resumes from HEAD)",
                Map.of()));
    }

    /**
     * Answers. A body not read to its end is dropped as it arrives; the connection stays open for the next request
     * when at most {@link #DRAIN_LIMIT} bytes of it are still to come, else it closes after the answer.
     */
    private void reply(ChannelHandlerContext ctx, StreamedRequest r, HttpResponse response) {
        boolean reusable = r.body() == null || r.body().ended() || remaining(r) <= DRAIN_LIMIT;
        if (r.body() != null) {
            r.body().close();
        }
        MediaResponses.send(ctx, response, r.keepAlive() && reusable);
    }

    private static long remaining(StreamedRequest r) {
        String length = r.header(HttpHeaderNames.CONTENT_LENGTH);
        try {
            return length == null ? Long.MAX_VALUE : Long.parseLong(length.trim()) - r.body().received();
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private DeviceIdentity device(StreamedRequest r) {
        return accounts.authenticate(r.bearerToken()).orElseThrow(() -> new ServiceException(
                Failure.UNAUTHENTICATED,
                "a valid 'Authorization: Bearer <token>' header is required"));
    }

    /** The reading user: from the bearer token, or from a signed link ({@code u}, {@code exp}, {@code sig}). */
    private long reader(StreamedRequest r) {
        if (r.bearerToken() != null || r.queryParam("sig") == null) {
            return device(r).userId();
        }
        OptionalLong user = links.verify(r.route().id(), r.queryParam("u"), r.queryParam("exp"), r.queryParam("sig"));
        return user.orElseThrow(() -> new ServiceException(Failure.UNAUTHENTICATED,
                "the link is invalid or expired; ask POST /v1/media/" + r.route().id() + "/link for a new one"));
    }

    private HttpResponse append(StreamedRequest r) throws IOException {
        long user = device(r).userId();
        long offset = offsetHeader(r);
        checkContentType(r);
        return switch (uploads.append(user, r.route().id(), offset, r.body())) {
            case Progress.Partial p -> responses.json(204, null, Map.of(UPLOAD_OFFSET, Long.toString(p.offset())));
            case Progress.Finished f -> finished(f.item(), f.deduplicated());
            case Progress.Mismatch m -> responses.error(ErrorCode.OFFSET_MISMATCH, m.reason(),
                    Map.of(UPLOAD_OFFSET, Long.toString(m.offset())));
        };
    }

    private HttpResponse finished(MediaItem item, boolean deduplicated) {
        log.atInfo().addKeyValue("mediaId", item.id()).addKeyValue("size", item.content().size())
                .addKeyValue("mime", item.content().mime()).addKeyValue("deduplicated", deduplicated)
                .log("upload finished");
        return responses.json(200, Map.of("media", MediaViews.of(item), "deduplicated", deduplicated),
                Map.of(UPLOAD_OFFSET, Long.toString(item.content().size())));
    }

    private static long offsetHeader(StreamedRequest r) {
        String value = r.header(UPLOAD_OFFSET);
        try {
            long offset = Long.parseLong(value == null ? "" : value.trim());
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new ServiceException(Failure.INVALID_ARGUMENT,
                "header 'Upload-Offset' must be a non-negative integer, got '" + value + "'");
    }

    private static void checkContentType(StreamedRequest r) {
        String type = r.header(HttpHeaderNames.CONTENT_TYPE);
        if (type != null && !type.startsWith("application/offset+octet-stream")
                && !type.startsWith("application/octet-stream")) {
            throw new ServiceException(Failure.INVALID_ARGUMENT,
                    "an upload PATCH must have Content-Type application/offset+octet-stream, got '" + type + "'");
        }
    }

    private HttpResponse offset(StreamedRequest r) {
        long user = device(r).userId();
        String id = r.route().id();
        UploadService.Status status = uploads.status(user, id);
        return responses.json(200, null, Map.of(UPLOAD_OFFSET, Long.toString(status.offset()),
                "Upload-Length", Long.toString(status.length()), "Tus-Resumable", "1.0.0"));
    }

    private HttpResponse cancel(StreamedRequest r) throws IOException {
        uploads.cancel(device(r).userId(), r.route().id());
        return responses.json(204, null, Map.of());
    }

    private HttpResponse poster(StreamedRequest r) throws IOException {
        MediaItem item = media.setPoster(device(r).userId(), r.route().id(), r.body());
        return responses.json(200, Map.of("media", MediaViews.of(item)), Map.of());
    }
}
