package dev.parley.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.Views;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process server speaking the media part of the protocol (§13) closely enough to test the SDK: tus uploads
 * with dedupe, ranged downloads with ETag/If-Range, info, thumbnail and link; with faults a test can arm.
 */
public final class FakeMediaServer implements AutoCloseable {
    /** One request as the server saw it: method, path and the headers the SDK's logic depends on. */
    public record Seen(String method, String path, String uploadOffset, String range, String ifRange, String contentType) {
    }

    private static final class Upload {
        final long length;
        final String mime;
        final String fileName;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Upload(long length, String mime, String fileName) {
            this.length = length;
            this.mime = mime;
            this.fileName = fileName;
        }
    }

    private final ObjectMapper json = new FrameCodec().mapper();
    private final HttpServer server;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final Map<String, Views.Media> media = new ConcurrentHashMap<>();
    private final Map<String, byte[]> content = new ConcurrentHashMap<>();
    public final List<Seen> requests = new CopyOnWriteArrayList<>();
    /** The next PATCH keeps this many bytes of its body, then the connection drops (-1: off). */
    volatile long cutNextPatchAfter = -1;
    /** The next download sends this many bytes of its body, then the connection drops (-1: off). */
    volatile long cutNextDownloadAfter = -1;
    /** The next this-many PATCH or HEAD requests are answered with {@link #failStatus} (body read first). */
    final AtomicInteger failNext = new AtomicInteger();
    volatile int failStatus = 503;
    volatile String failCode = "unavailable";
    /** The next upload created already holds these bytes, though its announcement says offset 0 (null: off). */
    volatile byte[] prestage;
    /** Downloads announce this ETag instead of the content's (null: the right one). */
    volatile String wrongEtag;
    /** Downloads wait for this latch before answering (null: at once). */
    volatile CountDownLatch holdDownloads;

    public FakeMediaServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Stores finished media with these bytes; returns it. */
    public Views.Media store(String id, String fileName, String mime, byte[] bytes) {
        Views.Media m = new Views.Media(id, mime, bytes.length, sha256(bytes), fileName, null, null, null, null);
        media.put(id, m);
        content.put(m.sha256(), bytes);
        return m;
    }

    /** Starts an upload that already holds {@code prefix}; returns its id. */
    String stage(long length, byte[] prefix) {
        String id = "u" + ids.incrementAndGet();
        Upload upload = new Upload(length, "application/octet-stream", "staged.bin");
        upload.bytes.writeBytes(prefix);
        uploads.put(id, upload);
        return id;
    }

    byte[] bytesOf(String mediaId) {
        return content.get(media.get(mediaId).sha256());
    }

    long requests(String method) {
        return requests.stream().filter(r -> r.method().equals(method)).count();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        var h = x.getRequestHeaders();
        requests.add(new Seen(x.getRequestMethod(), path, h.getFirst("Upload-Offset"), h.getFirst("Range"),
                h.getFirst("If-Range"), h.getFirst("Content-Type")));
        String[] parts = path.split("/");
        String route = x.getRequestMethod() + " " + (parts.length > 2 ? parts[2] : "")
                + (parts.length > 4 ? "/" + parts[4] : "");
        switch (route) {
            case "POST uploads" -> announce(x);
            case "PATCH uploads" -> patch(x, parts[3]);
            case "HEAD uploads" -> head(x, parts[3]);
            case "DELETE uploads" -> {
                uploads.remove(parts[3]);
                x.sendResponseHeaders(204, -1);
                x.close();
            }
            case "GET media/info" -> known(x, parts[3], m -> send(x, 200, Map.of("media", m)));
            case "GET media/thumbnail" -> known(x, parts[3], m -> bytes(x, 200, "image/jpeg", new byte[] {1, 2, 3}));
            case "POST media/link" -> send(x, 200, Map.of("url", "/v1/media/" + parts[3] + "?exp=7&sig=s", "expiresAt", 7));
            case "GET media" -> known(x, parts[3], m -> download(x, m));
            default -> error(x, 404, "not_found", "no endpoint " + path);
        }
    }

    private void announce(HttpExchange x) throws IOException {
        JsonNode body = json.readTree(x.getRequestBody());
        String sha = body.path("sha256").asText(null);
        String fileName = body.path("fileName").asText(null);
        if (sha != null && content.containsKey(sha)) {
            Views.Media m = store("m" + ids.incrementAndGet(), fileName, body.path("mime").asText(), content.get(sha));
            send(x, 200, Map.of("media", m, "deduplicated", true));
            return;
        }
        String id = "u" + ids.incrementAndGet();
        Upload upload = new Upload(body.path("length").asLong(), body.path("mime").asText(), fileName);
        byte[] early = prestage;
        prestage = null;
        if (early != null) {
            upload.bytes.writeBytes(early);
        }
        uploads.put(id, upload);
        x.getResponseHeaders().add("Location", "/v1/uploads/" + id);
        send(x, 201, Map.of("uploadId", id, "offset", 0, "length", body.path("length").asLong()));
    }

    private void patch(HttpExchange x, String id) throws IOException {
        Upload upload = uploads.get(id);
        if (upload == null) {
            error(x, 404, "not_found", "no upload " + id);
            return;
        }
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            x.getRequestBody().readAllBytes();
            error(x, failStatus, failCode, "failing on purpose");
            return;
        }
        long offset = Long.parseLong(x.getRequestHeaders().getFirst("Upload-Offset"));
        if (offset != upload.bytes.size()) {
            x.getRequestBody().readAllBytes();
            x.getResponseHeaders().add("Upload-Offset", Long.toString(upload.bytes.size()));
            error(x, 409, "offset_mismatch", "the upload is at " + upload.bytes.size());
            return;
        }
        long cut = cutNextPatchAfter;
        cutNextPatchAfter = -1;
        InputStream in = x.getRequestBody();
        if (cut >= 0) {
            upload.bytes.writeBytes(in.readNBytes((int) cut));
            throw new IOException("connection dropped on purpose after " + cut + " bytes");
        }
        upload.bytes.writeBytes(in.readAllBytes());
        x.getResponseHeaders().add("Upload-Offset", Long.toString(upload.bytes.size()));
        if (upload.bytes.size() < upload.length) {
            x.sendResponseHeaders(204, -1);
            x.close();
            return;
        }
        uploads.remove(id);
        Views.Media m = store(id, upload.fileName, upload.mime, upload.bytes.toByteArray());
        send(x, 200, Map.of("media", m, "deduplicated", false));
    }

    private void head(HttpExchange x, String id) throws IOException {
        Upload upload = uploads.get(id);
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            x.sendResponseHeaders(failStatus, -1);
        } else if (upload == null) {
            x.sendResponseHeaders(404, -1);
        } else {
            x.getResponseHeaders().add("Upload-Offset", Long.toString(upload.bytes.size()));
            x.getResponseHeaders().add("Upload-Length", Long.toString(upload.length));
            x.sendResponseHeaders(200, -1);
        }
        x.close();
    }

    private void download(HttpExchange x, Views.Media m) throws IOException {
        awaitHold();
        byte[] bytes = content.get(m.sha256());
        String etag = "\"" + (wrongEtag != null ? wrongEtag : m.sha256()) + "\"";
        x.getResponseHeaders().add("ETag", etag);
        x.getResponseHeaders().add("Content-Type", m.mime());
        String range = x.getRequestHeaders().getFirst("Range");
        String ifRange = x.getRequestHeaders().getFirst("If-Range");
        int from = 0;
        if (range != null && (ifRange == null || ifRange.equals(etag))) {
            from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
            if (from >= bytes.length) {
                x.getResponseHeaders().add("Content-Range", "bytes */" + bytes.length);
                error(x, 416, "range_not_satisfiable", "beyond the end");
                return;
            }
            x.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (bytes.length - 1) + "/" + bytes.length);
        }
        x.sendResponseHeaders(from > 0 ? 206 : 200, bytes.length - from);
        long cut = cutNextDownloadAfter;
        cutNextDownloadAfter = -1;
        if (cut >= 0) {
            x.getResponseBody().write(bytes, from, (int) cut);
            x.getResponseBody().flush();
            throw new IOException("connection dropped on purpose after " + cut + " bytes");
        }
        x.getResponseBody().write(bytes, from, bytes.length - from);
        x.close();
    }

    private void awaitHold() {
        CountDownLatch hold = holdDownloads;
        if (hold != null) {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    interface MediaAction {
        void run(Views.Media media) throws IOException;
    }

    private void known(HttpExchange x, String id, MediaAction action) throws IOException {
        Views.Media m = media.get(id);
        if (m == null) {
            error(x, 404, "not_found", "no media " + id);
        } else {
            action.run(m);
        }
    }

    private void send(HttpExchange x, int status, Object body) throws IOException {
        bytes(x, status, "application/json", json.writeValueAsBytes(body));
    }

    private void error(HttpExchange x, int status, String code, String message) throws IOException {
        send(x, status, Map.of("error", Map.of("code", code, "message", message)));
    }

    private static void bytes(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().add("Content-Type", type);
        x.sendResponseHeaders(status, body.length);
        x.getResponseBody().write(body);
        x.close();
    }

    @Override
    public void close() {
        CountDownLatch hold = holdDownloads;
        if (hold != null) {
            hold.countDown();
        }
        server.stop(0);
    }
}
