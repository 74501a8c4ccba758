package dev.parley.server.media;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;

/**
 * A request to a streamed media endpoint as the handling virtual thread sees it: headers copied out of Netty, the
 * body (if the route takes one) still arriving through {@code body}.
 */
record StreamedRequest(MediaRoute route, HttpMethod method, Map<String, List<String>> query, HttpHeaders headers,
                       boolean keepAlive, BodyPipe body) {

    String header(CharSequence name) {
        return headers.get(name);
    }

    String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The bearer token of the Authorization header, or null. */
    String bearerToken() {
        String auth = headers.get(HttpHeaderNames.AUTHORIZATION);
        return auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) ? null : auth.substring(7).trim();
    }
}
