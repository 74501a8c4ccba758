package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testkit.media.PseudoRandomStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads and downloads stream: a server whose heap is 64 MiB takes a 512 MiB upload in one PATCH (chunked, so the
 * server cannot size anything by Content-Length) and serves it back, byte for byte.
 */
class MediaStreamingTest {
    private static final long SIZE = 512L * 1024 * 1024;

    @Test
    void aServerWith64MiBOfHeapTakesAndServesA512MiBFile(@TempDir Path dir) throws Exception {
        ServerProcess process = new ServerProcess(dir, Map.of("PARLEY_MEDIA_MAX_BYTES", "1GiB"))
                .withMaxHeap("-Xmx64m").start();
        try {
            TestApi api = new TestApi(process.http());
            TestApi.Account a = api.newUser("huge");
            MediaHttp media = new MediaHttp(process.http());
            String sha = sha256(new PseudoRandomStream(42, SIZE));
            String id = media.announce(a.token(), SIZE, "application/octet-stream", "big.bin", sha).json()
                    .get("uploadId").asText();

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> done = http.send(HttpRequest.newBuilder(process.http().resolve("/v1/uploads/" + id))
                    .header("Authorization", "Bearer " + a.token()).header("Upload-Offset", "0")
                    .header("Content-Type", "application/offset+octet-stream")
                    .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> new PseudoRandomStream(42, SIZE)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
            assertThat(done.body()).contains(sha);

            HttpResponse<InputStream> download = http.send(HttpRequest.newBuilder(
                    process.http().resolve("/v1/media/" + id)).header("Authorization", "Bearer " + a.token()).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
            assertThat(sha256(download.body())).isEqualTo(sha);
            assertThat(process.process().isAlive()).isTrue();
        } finally {
            process.kill();
        }
    }

    private static String sha256(InputStream in) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream d = new DigestInputStream(in, digest)) {
            d.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
