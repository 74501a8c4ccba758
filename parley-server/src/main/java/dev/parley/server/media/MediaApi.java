package dev.parley.server.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.media.MediaLinks;
import dev.parley.core.media.MediaService;
import dev.parley.core.media.UploadService;
import dev.parley.core.model.MediaItem;
import dev.parley.core.model.Upload;
import dev.parley.core.service.RateLimiter;
import dev.parley.protocol.ErrorCode;
import dev.parley.server.http.HttpCall;
import dev.parley.server.http.HttpError;
import dev.parley.server.http.HttpResult;
import dev.parley.server.http.RouteTable;
import io.netty.handler.codec.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON media endpoints (docs/protocol.md §13.2): announcing an upload (with dedupe), media info and signed links.
 * The streamed ones (append, download, poster) are {@link MediaEndpoints}.
 */
public final class MediaApi {
    private final UploadService uploads;
    private final MediaService media;
    private final MediaLinks links;
    private final RateLimiter announceLimiter;
    private final ObjectMapper mapper;

    public MediaApi(UploadService uploads, MediaService media, MediaLinks links, RateLimiter announceLimiter,
                    ObjectMapper mapper) {
        this.uploads = uploads;
        this.media = media;
        this.links = links;
        this.announceLimiter = announceLimiter;
        this.mapper = mapper;
    }

    public void register(RouteTable routes) {
        routes.authenticated(HttpMethod.POST, "/v1/uploads", this::announce)
                .authenticated(HttpMethod.GET, "/v1/media/{id}/info", this::info)
                .authenticated(HttpMethod.POST, "/v1/media/{id}/link", this::link);
    }

    private HttpResult announce(HttpCall call) {
        long user = call.caller().userId();
        if (!announceLimiter.tryAcquire(user)) {
            throw new HttpError(ErrorCode.RATE_LIMITED, "too many uploads from user " + user + "; retry later");
        }
        JsonNode body = call.json(mapper);
        UploadService.Announcement a = new UploadService.Announcement(requiredLong(body, "length"),
                HttpCall.text(body, "mime"), HttpCall.text(body, "fileName"), HttpCall.text(body, "sha256"),
                optionalInt(body, "width"), optionalInt(body, "height"), optionalLong(body, "durationMs"));
        return switch (uploads.announce(user, a)) {
            case UploadService.Announced.Stored s -> HttpResult.json(200, Map.of("media", MediaViews.of(s.item()),
                    "deduplicated", true));
            case UploadService.Announced.Started s -> started(s.upload());
        };
    }

    private static HttpResult started(Upload u) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uploadId", u.id());
        body.put("offset", 0);
        body.put("length", u.length());
        return HttpResult.json(201, body).withHeader("Location", "/v1/uploads/" + u.id())
                .withHeader("Tus-Resumable", "1.0.0");
    }

    private HttpResult info(HttpCall call) {
        MediaItem item = media.readable(call.caller().userId(), call.pathParams().get("id"));
        return HttpResult.json(200, Map.of("media", MediaViews.of(item)));
    }

    private HttpResult link(HttpCall call) {
        String id = call.pathParams().get("id");
        media.readable(call.caller().userId(), id);
        MediaLinks.Link link = links.sign(id, call.caller().userId());
        return HttpResult.json(200, Map.of("url", "/v1/media/" + id + "?" + link.query(),
                "expiresAt", link.expiresAt()));
    }

    private static long requiredLong(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new HttpError(ErrorCode.INVALID_FRAME, "field '" + field + "' must be an integer");
        }
        return v.asLong();
    }

    private static Long optionalLong(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : requiredLong(body, field);
    }

    private static Integer optionalInt(JsonNode body, String field) {
        Long v = optionalLong(body, field);
        if (v != null && (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE)) {
            throw new HttpError(ErrorCode.INVALID_FRAME, "field '" + field + "' is out of range: " + v);
        }
        return v == null ? null : v.intValue();
    }
}
