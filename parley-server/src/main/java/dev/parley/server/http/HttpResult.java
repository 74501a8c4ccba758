package dev.parley.server.http;

/** What a handler answers: a status with a JSON body (null for none), or raw text. */
public record HttpResult(int status, Object json, String text, String contentType) {
    public static HttpResult json(int status, Object body) {
        return new HttpResult(status, body, null, "application/json");
    }

    public static HttpResult noContent() {
        return new HttpResult(204, null, null, null);
    }

    public static HttpResult text(int status, String text, String contentType) {
        return new HttpResult(status, null, text, contentType);
    }
}
