package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.media.MediaSamples;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server with {@code parley.media.backend = s3} against s3proxy on loopback: upload, dedupe, ranged download. */
class MediaOnS3Test {
    @TempDir
    static Path s3Data;
    private static S3Proxy s3proxy;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        FilesystemNio2BlobStore store = new FilesystemNio2BlobStore(s3Data.toString());
        java.nio.file.Files.createDirectories(s3Data.resolve("parley-media"));
        s3proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "parley", "parley-secret").build();
        s3proxy.start();
        server = new TestServer().with("parley.media.backend", "s3")
                .with("parley.media.s3.endpoint", "http://127.0.0.1:" + s3proxy.getPort())
                .with("parley.media.s3.access-key", "parley").with("parley.media.s3.secret-key", "parley-secret");
        server.beforeAll(null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.afterAll(null);
        }
        if (s3proxy != null) {
            s3proxy.stop();
        }
    }

    @Test
    void mediaStoredInS3UploadsResumesDedupesAndDownloads() {
        TestApi api = new TestApi(server.http());
        MediaHttp media = new MediaHttp(server.http());
        TestApi.Account a = api.newUser("sina");
        TestApi.Account b = api.newUser("stan");
        byte[] jpeg = MediaSamples.jpeg(800, 600);
        String id = media.announce(a.token(), jpeg.length, "image/jpeg", "s3.jpg", null).json()
                .get("uploadId").asText();
        int half = jpeg.length / 2;
        assertThat(media.patch(a.token(), id, 0, Arrays.copyOf(jpeg, half)).offset()).isEqualTo(half);
        assertThat(media.head(a.token(), "/v1/uploads/" + id).offset()).isEqualTo(half);
        JsonNode done = media.patch(a.token(), id, half, Arrays.copyOfRange(jpeg, half, jpeg.length)).json();
        assertThat(done.at("/media/sha256").asText()).isEqualTo(MediaHttp.sha256(jpeg));
        assertThat(done.at("/media/thumbnail").asText()).isNotEmpty();

        MediaHttp.Answer dedupe = media.announce(b.token(), jpeg.length, "image/jpeg", null, MediaHttp.sha256(jpeg));
        assertThat(dedupe.json().get("deduplicated").asBoolean()).isTrue();
        String bId = dedupe.json().at("/media/id").asText();
        assertThat(media.get(b.token(), "/v1/media/" + bId).body()).isEqualTo(jpeg);
        assertThat(media.get(a.token(), "/v1/media/" + id, "Range", "bytes=10-19").body())
                .isEqualTo(Arrays.copyOfRange(jpeg, 10, 20));
    }
}
