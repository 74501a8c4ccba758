package dev.parley.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Raw HTTP calls to the media endpoints (docs/protocol.md §13.2), answers as status + headers + bytes. */
final class MediaHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, java.net.http.HttpHeaders headers, byte[] body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String errorCode() {
            return json().path("error").path("code").asText();
        }

        long offset() {
            return Long.parseLong(header("Upload-Offset"));
        }
    }

    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    MediaHttp(URI base) {
        this.base = base;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code POST /v1/uploads}; {@code sha256} may be null. */
    Answer announce(String token, long length, String mime, String fileName, String sha256) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("length", length);
        body.put("mime", mime);
        if (fileName != null) {
            body.put("fileName", fileName);
        }
        if (sha256 != null) {
            body.put("sha256", sha256);
        }
        try {
            return send(request("/v1/uploads", token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Answer patch(String token, String uploadId, long offset, byte[] bytes) {
        return send(request("/v1/uploads/" + uploadId, token).header("Upload-Offset", Long.toString(offset))
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    Answer head(String token, String path) {
        return send(request(path, token).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    Answer get(String token, String path, String... headers) {
        HttpRequest.Builder b = request(path, token).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    Answer call(String method, String token, String path, byte[] body) {
        return send(request(path, token).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Announces and uploads {@code bytes} in one PATCH; returns the media object of the finished upload. */
    JsonNode upload(String token, byte[] bytes, String mime, String fileName) {
        Answer a = announce(token, bytes.length, mime, fileName, null);
        if (a.status() != 201) {
            throw new AssertionError("announce answered " + a.status() + ": " + new String(a.body()));
        }
        Answer done = patch(token, a.json().get("uploadId").asText(), 0, bytes);
        if (done.status() != 200) {
            throw new AssertionError("upload answered " + done.status() + ": " + new String(done.body()));
        }
        return done.json().get("media");
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
