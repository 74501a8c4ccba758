package dev.parley.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The browser client: the files under {@code /web/} on the classpath, read once at startup with their ETag (a
 * hash of the bytes), served for {@code GET}/{@code HEAD} of every path outside the API ({@code /v1/…}) and the
 * operations endpoints. {@code /} is {@code index.html}. Responses revalidate ({@code Cache-Control: no-cache},
 * {@code If-None-Match} → 304) and carry a Content-Security-Policy that allows only the app's own origin. Only
 * names read at startup can be served, so no request path reaches the file system; paths with {@code ..},
 * backslashes or control characters are refused anyway.
 */
public final class StaticAssets {
    static final String CSP = "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
            + "connect-src 'self' ws: wss:; script-src 'self'; style-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    private static final String ROOT = "web";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("woff2", "font/woff2"));

    /** One file: its bytes, type and strong ETag. */
    record Asset(byte[] bytes, String contentType, String etag) {
    }

    private final Map<String, Asset> assets;

    private StaticAssets(Map<String, Asset> assets) {
        this.assets = Map.copyOf(assets);
    }

    /** Reads every file under {@code /web/} of this class's class loader; none when there is no such folder. */
    public static StaticAssets fromClasspath() {
        URL index = StaticAssets.class.getClassLoader().getResource(ROOT + "/index.html");
        if (index == null) {
            return new StaticAssets(Map.of());
        }
        try {
            URI uri = index.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = openJar(uri)) {
                    return new StaticAssets(read(jar.getPath("/" + ROOT)));
                }
            }
            return new StaticAssets(read(Path.of(uri).getParent()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the web client from " + index, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read the web client from " + index, e);
        }
    }

    /** The files of a directory, for tests and for serving a folder during development. */
    static StaticAssets fromDirectory(Path root) {
        try {
            return new StaticAssets(read(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root, e);
        }
    }

    /** True for the requests this class answers: GET or HEAD of a path outside the API and the ops endpoints. */
    public boolean handles(HttpMethod method, String path) {
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            return false;
        }
        return !(path.equals("/v1") || path.startsWith("/v1/") || path.equals("/health") || path.equals("/ready")
                || path.equals("/metrics"));
    }

    /** The asset for a decoded request path, or null (unknown, or a path that tries to leave the folder). */
    Asset lookup(String path) {
        String name = normalize(path);
        return name == null ? null : assets.get(name);
    }

    /** Writes the answer for a request this class {@link #handles}. */
    public void respond(ChannelHandlerContext ctx, HttpMethod method, String path, String ifNoneMatch,
                        boolean keepAlive) {
        Asset asset = lookup(path);
        FullHttpResponse response;
        if (asset == null) {
            byte[] body = ("{\"error\":{\"code\":\"not_found\",\"message\":\"no file " + jsonEscape(path) + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            response = response(HttpResponseStatus.NOT_FOUND, method, body);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        } else if (matches(ifNoneMatch, asset.etag())) {
            response = response(HttpResponseStatus.NOT_MODIFIED, method, new byte[0]);
            response.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
            response.headers().set(HttpHeaderNames.ETAG, asset.etag()).set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        } else {
            response = response(HttpResponseStatus.OK, method, asset.bytes());
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, asset.contentType())
                    .set(HttpHeaderNames.ETAG, asset.etag())
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        }
        response.headers().set("Content-Security-Policy", CSP)
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer");
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    int size() {
        return assets.size();
    }

    /** "/" → "index.html", "/js/app.js" → "js/app.js"; null for anything that could escape the folder. */
    public static String normalize(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/' || path.indexOf('\\') >= 0) {
            return null;
        }
        String name = path.substring(1);
        if (name.isEmpty()) {
            return "index.html";
        }
        if (name.endsWith("/")) {
            name = name + "index.html";
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return null;
            }
            for (int i = 0; i < segment.length(); i++) {
                if (segment.charAt(i) < 0x20 || segment.charAt(i) == 0x7f) {
                    return null;
                }
            }
        }
        return name;
    }

    private static FullHttpResponse response(HttpResponseStatus status, HttpMethod method, byte[] body) {
        boolean head = method.equals(HttpMethod.HEAD);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return response;
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Asset> read(Path root) throws IOException {
        Map<String, Asset> found = new HashMap<>();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = root.relativize(file).toString().replace('\\', '/');
                byte[] bytes = Files.readAllBytes(file);
                String etag = "\"" + Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(sha.digest(bytes)).substring(0, 27) + "\"";
                found.put(name, new Asset(bytes, type(name), etag));
            }
        }
        return found;
    }

    private static String type(String name) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }

    private static FileSystem openJar(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            // Someone else holds it open: copy what we need through a fresh, private file system of the jar.
            String spec = uri.getSchemeSpecificPart();
            Path jarFile = Path.of(URI.create(spec.substring(0, spec.indexOf("!/"))));
            return FileSystems.newFileSystem(jarFile);
        }
    }

    private static String jsonEscape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
