package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ServerFrame;
import dev.parley.testkit.media.MediaSamples;
import dev.parley.testkit.time.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Garbage collection on a controllable clock: media no message references goes after the grace period (bytes and
 * rows), shared content only with its last item, abandoned uploads after their expiry; signed links expire.
 */
class MediaGarbageTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @RegisterExtension
    static TestServer server = new TestServer().withClock(clock);

    private final TestApi api = new TestApi(server.http());
    private final MediaHttp media = new MediaHttp(server.http());

    @Test
    void unreferencedMediaIsCollectedAfterTheGracePeriodAndSharedContentOnlyWithItsLastItem() throws IOException {
        TestApi.Account a = api.newUser("gabi");
        TestApi.Account b = api.newUser("gert");
        byte[] lonely = MediaSamples.randomBytes(5000, 1);
        byte[] sent = MediaSamples.randomBytes(6000, 2);
        byte[] shared = MediaSamples.randomBytes(7000, 3);
        String lonelyId = media.upload(a.token(), lonely, "application/octet-stream", null).get("id").asText();
        String sentId = media.upload(a.token(), sent, "application/octet-stream", null).get("id").asText();
        String sharedByA = media.upload(a.token(), shared, "application/octet-stream", null).get("id").asText();
        String sharedByB = media.announce(b.token(), shared.length, "application/octet-stream", null,
                MediaHttp.sha256(shared)).json().at("/media/id").asText();
        String abandoned = media.announce(a.token(), 100, "text/plain", null, null).json().get("uploadId").asText();
        media.patch(a.token(), abandoned, 0, new byte[40]);
        try (WsPeer wa = new WsPeer(server.ws(), a); WsPeer wb = new WsPeer(server.ws(), b)) {
            long chat = wa.request("{\"type\":\"openDirect\",\"userId\":" + b.userId() + "}",
                    ServerFrame.ChatResult.class).chat().id();
            wa.request(send(chat, sentId), ServerFrame.Accepted.class);
            wb.request(send(chat, sharedByB), ServerFrame.Accepted.class);
        }
        assertThat(blobs()).isEqualTo(3);

        clock.advance(Duration.ofHours(23));
        server.server().collectMedia();
        assertThat(media.get(a.token(), "/v1/media/" + lonelyId).status()).as("within the grace period")
                .isEqualTo(200);

        clock.advance(Duration.ofHours(2));
        server.server().collectMedia();
        assertThat(media.get(a.token(), "/v1/media/" + lonelyId + "/info").status()).isEqualTo(404);
        assertThat(media.get(a.token(), "/v1/media/" + sharedByA + "/info").status()).isEqualTo(404);
        assertThat(media.get(a.token(), "/v1/media/" + sentId).body()).isEqualTo(sent);
        assertThat(media.get(b.token(), "/v1/media/" + sharedByB).body()).as("content stays with its last item")
                .isEqualTo(shared);
        assertThat(media.get(a.token(), "/v1/media/" + sharedByB).body()).as("a's access: it was sent to a")
                .isEqualTo(shared);
        assertThat(blobs()).isEqualTo(2);
        assertThat(media.head(a.token(), "/v1/uploads/" + abandoned).status()).isEqualTo(404);
        assertThat(files("staging")).isZero();

        MediaHttp.Answer reupload = media.announce(b.token(), lonely.length, "application/octet-stream", null,
                MediaHttp.sha256(lonely));
        assertThat(reupload.status()).as("collected content is not offered for dedupe").isEqualTo(201);
    }

    @Test
    void signedLinksExpire() {
        TestApi.Account a = api.newUser("lutz");
        String id = media.upload(a.token(), MediaSamples.png(5, 5), "image/png", null).get("id").asText();
        String url = media.call("POST", a.token(), "/v1/media/" + id + "/link", null).json().get("url").asText();
        assertThat(media.get(null, url).status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(61));
        assertThat(media.get(null, url).status()).isEqualTo(401);
    }

    private static String send(long chat, String mediaId) {
        return "{\"type\":\"send\",\"chatId\":" + chat + ",\"clientId\":\"" + java.util.UUID.randomUUID()
                + "\",\"kind\":\"file\",\"mediaId\":\"" + mediaId + "\"}";
    }

    private static long blobs() throws IOException {
        return files("blobs");
    }

    private static long files(String dir) throws IOException {
        Path root = server.dataDir().resolve("media").resolve(dir);
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).count();
        }
    }
}
