package dev.parley.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.server.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.parley.server.http.StaticAssets;

/** The web client's files over HTTP: types, ETag revalidation, security headers, 404s and no path traversal. */
class StaticAssetsTest {
    @RegisterExtension
    static TestServer server = new TestServer();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final Path WEB = Path.of("src", "main", "resources", "web");

    static HttpResponse<String> get(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.http().resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void rootIsTheAppWithSecurityHeaders() throws Exception {
        HttpResponse<String> r = get("GET", "/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(r.body()).contains("<script type=\"module\" src=\"/js/app.js\"></script>");
        assertThat(r.headers().firstValue("cache-control")).hasValue("no-cache");
        assertThat(r.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        String csp = r.headers().firstValue("content-security-policy").orElseThrow();
        assertThat(csp).contains("default-src 'self'", "img-src 'self' data: blob:", "media-src 'self' blob:",
                "connect-src 'self' ws: wss:", "script-src 'self'", "style-src 'self'", "object-src 'none'",
                "frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(r.headers().firstValue("etag")).hasValueSatisfying(e -> assertThat(e).matches("\"[A-Za-z0-9_-]{27}\""));
        assertThat(get("GET", "/index.html").body()).isEqualTo(r.body());
    }

    @Test
    void eachFileHasItsTypeAndTheETagRevalidates() throws Exception {
        assertThat(get("GET", "/js/app.js").headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(get("GET", "/js/views/main.js").statusCode()).isEqualTo(200);
        assertThat(get("GET", "/app.css").headers().firstValue("content-type")).hasValue("text/css; charset=utf-8");
        assertThat(get("GET", "/icon.svg").headers().firstValue("content-type")).hasValue("image/svg+xml");

        HttpResponse<String> first = get("GET", "/js/connection.js");
        String etag = first.headers().firstValue("etag").orElseThrow();
        assertThat(get("GET", "/js/store.js").headers().firstValue("etag")).isNotEqualTo(first.headers().firstValue("etag"));
        HttpResponse<String> again = get("GET", "/js/connection.js", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("etag")).hasValue(etag);
        assertThat(get("GET", "/js/connection.js", "If-None-Match", "\"other\", " + etag).statusCode()).isEqualTo(304);
        assertThat(get("GET", "/js/connection.js", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);

        HttpResponse<String> head = get("HEAD", "/js/connection.js");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValueAsLong("content-length"))
                .hasValue(first.body().getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void unknownFilesAre404JsonAndTheApiIsUntouched() throws Exception {
        HttpResponse<String> r = get("GET", "/nope.js");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(new ObjectMapper().readTree(r.body()).path("error").path("code").asText()).isEqualTo("not_found");
        assertThat(get("GET", "/v1/nope").body()).contains("no endpoint /v1/nope");
        assertThat(get("GET", "/health").body()).contains("up");
        assertThat(get("GET", "/metrics").body()).contains("parley_ws_connections");
        assertThat(get("POST", "/").statusCode()).isIn(404, 405);
        assertThat(get("GET", "/v1/me").statusCode()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../pom.xml", "/js/../../pom.xml", "/%2e%2e/%2e%2e/pom.xml", "/js/..%2f..%2fpom.xml",
            "/..\\\\pom.xml", "/js//app.js", "/./index.html", "/web/index.html", "/%00index.html"})
    void pathsThatTryToLeaveTheFolderAreNotFound(String path) throws IOException {
        String response = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(response).matches("(?s)HTTP/1.1 40[04] .*").doesNotContain("<project").doesNotContain("<!doctype");
    }

    @Test
    void normalizeMapsOnlyPathsInsideTheFolder() {
        assertThat(StaticAssets.normalize("/")).isEqualTo("index.html");
        assertThat(StaticAssets.normalize("/js/app.js")).isEqualTo("js/app.js");
        assertThat(StaticAssets.normalize("/js/")).isEqualTo("js/index.html");
        assertThat(Stream.of("", "js/app.js", "/../x", "/a/../b", "/./a", "/a//b", "/a\\b", "/a\u0000b"))
                .allSatisfy(p -> assertThat(StaticAssets.normalize(p)).as(p).isNull());
    }

    /** The client needs nothing from the internet, and every module stays small. */
    @Test
    void theClientLoadsNothingFromElsewhereAndItsFilesStaySmall() throws IOException {
        Pattern external = Pattern.compile("(?:https?:)?//[a-z0-9.-]+\\.[a-z]{2,}[/\"']", Pattern.CASE_INSENSITIVE);
        try (Stream<Path> files = Files.walk(WEB)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all).extracting(p -> WEB.relativize(p).toString().replace('\\', '/'))
                    .contains("index.html", "app.css", "js/app.js", "js/connection.js", "js/store.js");
            for (Path file : all) {
                String text = Files.readString(file).replace("http://www.w3.org/2000/svg", "");
                assertThat(external.matcher(text).find()).as("external URL in %s", file).isFalse();
                if (file.toString().endsWith(".js")) {
                    assertThat(text.lines().count()).as("lines of %s", file).isLessThan(400);
                }
            }
        }
    }

    private static String raw(String request) throws IOException {
        URI http = server.http();
        try (Socket socket = new Socket(http.getHost(), http.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
