package dev.parley.server.http;

import java.util.Map;

/** What a handler answers: a status with a JSON body (null for none), or raw text, plus extra response headers. */
public record HttpResult(int status, Object json, String text, String contentType, Map<String, String> headers) {
    public static HttpResult json(int status, Object body) {
        return new HttpResult(status, body, null, "application/json", Map.of());
    }

    public static HttpResult noContent() {
        return new HttpResult(204, null, null, null, Map.of());
    }

    public static HttpResult text(int status, String text, String contentType) {
        return new HttpResult(status, null, text, contentType, Map.of());
    }

    /** This result with one more response header. */
    public HttpResult withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpResult(status, json, text, contentType, Map.copyOf(more));
    }
}
