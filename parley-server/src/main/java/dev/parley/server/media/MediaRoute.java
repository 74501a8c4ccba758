package dev.parley.server.media;

import io.netty.handler.codec.http.HttpMethod;
import java.util.regex.Pattern;

/**
 * The media endpoints that bypass request aggregation because their bodies (uploads, posters) or responses
 * (downloads) stream: {@code PATCH|HEAD|DELETE /v1/uploads/{id}}, {@code GET|HEAD /v1/media/{id}},
 * {@code GET /v1/media/{id}/thumbnail}, {@code PUT /v1/media/{id}/poster}. Everything else (including other methods
 * on these paths, answered 405 there) goes on to the JSON API.
 */
record MediaRoute(Kind kind, String id) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    enum Kind { UPLOAD_APPEND, UPLOAD_OFFSET, UPLOAD_CANCEL, DOWNLOAD, THUMBNAIL, POSTER }

    boolean hasBody() {
        return kind == Kind.UPLOAD_APPEND || kind == Kind.POSTER;
    }

    /** The streamed route for this request, or null when the JSON API handles it. */
    static MediaRoute match(HttpMethod method, String path) {
        String[] parts = path.split("/", -1);
        if (parts.length < 4 || !parts[0].isEmpty() || !parts[1].equals("v1") || !ID.matcher(parts[3]).matches()) {
            return null;
        }
        String id = parts[3];
        if (parts.length == 4 && parts[2].equals("uploads")) {
            return upload(method, id);
        }
        if (!parts[2].equals("media")) {
            return null;
        }
        if (parts.length == 4 && (method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD))) {
            return new MediaRoute(Kind.DOWNLOAD, id);
        }
        if (parts.length == 5 && parts[4].equals("thumbnail") && method.equals(HttpMethod.GET)) {
            return new MediaRoute(Kind.THUMBNAIL, id);
        }
        if (parts.length == 5 && parts[4].equals("poster") && method.equals(HttpMethod.PUT)) {
            return new MediaRoute(Kind.POSTER, id);
        }
        return null;
    }

    private static MediaRoute upload(HttpMethod method, String id) {
        if (method.equals(HttpMethod.PATCH)) {
            return new MediaRoute(Kind.UPLOAD_APPEND, id);
        }
        if (method.equals(HttpMethod.HEAD)) {
            return new MediaRoute(Kind.UPLOAD_OFFSET, id);
        }
        if (method.equals(HttpMethod.DELETE)) {
            return new MediaRoute(Kind.UPLOAD_CANCEL, id);
        }
        return null;
    }
}
