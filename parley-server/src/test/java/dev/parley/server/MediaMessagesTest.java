package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import dev.parley.testkit.media.MediaSamples;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Media messages end to end: send, receive with thumbnail, download with ranges and caching, access, posters. */
class MediaMessagesTest {
    @RegisterExtension
    static TestServer server = new TestServer();

    private final TestApi api = new TestApi(server.http());
    private final MediaHttp media = new MediaHttp(server.http());

    private WsPeer peer(TestApi.Account account) {
        return new WsPeer(server.ws(), account);
    }

    private static long direct(WsPeer from, WsPeer to) {
        return from.request("{\"type\":\"openDirect\",\"userId\":" + to.userId() + "}", ServerFrame.ChatResult.class)
                .chat().id();
    }

    private static String sendMedia(String kind, long chat, String mediaId, String caption) {
        return "{\"type\":\"send\",\"chatId\":" + chat + ",\"clientId\":\"" + java.util.UUID.randomUUID()
                + "\",\"kind\":\"" + kind + "\",\"mediaId\":\"" + mediaId + "\""
                + (caption == null ? "" : ",\"text\":\"" + caption + "\"") + "}";
    }

    @Test
    void anImageMessageArrivesWithItsThumbnailAndDownloadsWithRangesAndCaching() {
        TestApi.Account a = api.newUser("ada");
        TestApi.Account b = api.newUser("ben");
        TestApi.Account stranger = api.newUser("sid");
        byte[] jpeg = MediaSamples.jpeg(640, 480);
        JsonNode uploaded = media.upload(a.token(), jpeg, "image/jpeg", "cat.jpg");
        String id = uploaded.get("id").asText();
        try (WsPeer wa = peer(a); WsPeer wb = peer(b)) {
            long chat = direct(wa, wb);
            wa.request(sendMedia("image", chat, id, "look"), ServerFrame.Accepted.class);
            Views.Message got = ((Views.MessageEvent) wb.awaitUpdate(e -> e instanceof Views.MessageEvent m
                    && m.message().media() != null).event()).message();
            assertThat(got.kind()).isEqualTo("image");
            assertThat(got.text()).isEqualTo("look");
            assertThat(got.media().id()).isEqualTo(id);
            assertThat(got.media()).extracting(Views.Media::mime, Views.Media::size, Views.Media::fileName,
                    Views.Media::width, Views.Media::height).containsExactly("image/jpeg", (long) jpeg.length,
                    "cat.jpg", 640, 480);
            byte[] thumb = Base64.getDecoder().decode(got.media().thumbnail());
            assertThat(thumb).startsWith(0xFF, 0xD8).hasSizeLessThan(20_000);
            Views.Message inHistory = wb.request("{\"type\":\"getHistory\",\"chatId\":" + chat + "}",
                    ServerFrame.History.class).messages().getLast();
            assertThat(inHistory.media()).isEqualTo(got.media());
        }
        MediaHttp.Answer full = media.get(b.token(), "/v1/media/" + id);
        assertThat(full.status()).isEqualTo(200);
        assertThat(full.body()).isEqualTo(jpeg);
        String etag = "\"" + MediaHttp.sha256(jpeg) + "\"";
        assertThat(full.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(full.header("Content-Length")).isEqualTo(Integer.toString(jpeg.length));
        assertThat(full.header("ETag")).isEqualTo(etag);
        assertThat(full.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(full.header("Cache-Control")).contains("private", "immutable");
        assertThat(full.header("Content-Disposition")).startsWith("inline").contains("cat.jpg");

        MediaHttp.Answer part = media.get(b.token(), "/v1/media/" + id, "Range", "bytes=100-199");
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 100-199/" + jpeg.length);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(jpeg, 100, 200));
        MediaHttp.Answer tail = media.get(b.token(), "/v1/media/" + id, "Range", "bytes=-10");
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(jpeg, jpeg.length - 10, jpeg.length));
        MediaHttp.Answer open = media.get(b.token(), "/v1/media/" + id, "Range", "bytes=" + (jpeg.length - 5) + "-");
        assertThat(open.body()).hasSize(5);
        MediaHttp.Answer outside = media.get(b.token(), "/v1/media/" + id, "Range", "bytes=" + jpeg.length + "-");
        assertThat(outside.status()).isEqualTo(416);
        assertThat(outside.header("Content-Range")).isEqualTo("bytes */" + jpeg.length);
        assertThat(outside.errorCode()).isEqualTo("range_not_satisfiable");
        assertThat(media.get(b.token(), "/v1/media/" + id, "If-None-Match", etag).status()).isEqualTo(304);
        MediaHttp.Answer staleRange = media.get(b.token(), "/v1/media/" + id, "Range", "bytes=0-9",
                "If-Range", "\"old\"");
        assertThat(staleRange.status()).as("If-Range that does not match: everything").isEqualTo(200);
        MediaHttp.Answer head = media.head(b.token(), "/v1/media/" + id);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(jpeg.length));
        MediaHttp.Answer thumbnail = media.get(b.token(), "/v1/media/" + id + "/thumbnail");
        assertThat(thumbnail.header("Content-Type")).isEqualTo("image/jpeg");

        assertThat(media.get(stranger.token(), "/v1/media/" + id).status()).isEqualTo(404);
        assertThat(media.get(stranger.token(), "/v1/media/" + id + "/info").status()).isEqualTo(404);
        assertThat(media.get(null, "/v1/media/" + id).status()).isEqualTo(401);
    }

    @Test
    void onlyMembersWhoseWindowCoversTheMessageCanReadAndForwardedMediaReachesTheNewChat() {
        TestApi.Account a = api.newUser("gina");
        TestApi.Account b = api.newUser("gus");
        TestApi.Account late = api.newUser("liam");
        TestApi.Account e = api.newUser("emil");
        String id = media.upload(a.token(), MediaSamples.pdf(), "application/pdf", "plan.pdf").get("id").asText();
        try (WsPeer wa = peer(a); WsPeer wb = peer(b); WsPeer we = peer(e)) {
            long group = wa.request("{\"type\":\"createGroup\",\"name\":\"g\",\"members\":[" + b.userId() + "]}",
                    ServerFrame.ChatResult.class).chat().id();
            wa.request(sendMedia("file", group, id, null), ServerFrame.Accepted.class);
            wa.request("{\"type\":\"addMembers\",\"chatId\":" + group + ",\"userIds\":[" + late.userId() + "]}");
            assertThat(media.get(b.token(), "/v1/media/" + id).status()).isEqualTo(200);
            assertThat(media.get(late.token(), "/v1/media/" + id).status()).as("joined after it was shared")
                    .isEqualTo(404);
            assertThat(media.get(e.token(), "/v1/media/" + id).status()).isEqualTo(404);

            long toEmil = direct(wb, we);
            wb.request(sendMedia("file", toEmil, id, "fwd"), ServerFrame.Accepted.class);
            Views.Message fwd = ((Views.MessageEvent) we.awaitUpdate(ev -> ev instanceof Views.MessageEvent m
                    && m.message().media() != null).event()).message();
            assertThat(fwd.media().fileName()).isEqualTo("plan.pdf");
            MediaHttp.Answer download = media.get(e.token(), "/v1/media/" + id);
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.header("Content-Disposition")).startsWith("attachment");
        }
    }

    @Test
    void mediaSendsAreChecked() {
        TestApi.Account a = api.newUser("carl");
        TestApi.Account b = api.newUser("cleo");
        String jpeg = media.upload(a.token(), MediaSamples.jpeg(20, 20), "image/jpeg", null).get("id").asText();
        String others = media.upload(b.token(), MediaSamples.png(8, 8), "image/png", null).get("id").asText();
        try (WsPeer wa = peer(a); WsPeer wb = peer(b)) {
            long chat = direct(wa, wb);
            assertThat(wa.requestError(sendMedia("video", chat, jpeg, null), "invalid_frame").message())
                    .contains("image/jpeg", "video");
            wa.requestError(sendMedia("image", chat, "nope", null), "not_found");
            wa.requestError(sendMedia("image", chat, others, null), "not_found");
            wa.requestError("{\"type\":\"send\",\"chatId\":" + chat + ",\"clientId\":\"c1\",\"kind\":\"image\"}",
                    "invalid_frame");
            wa.requestError("{\"type\":\"send\",\"chatId\":" + chat + ",\"clientId\":\"c2\",\"kind\":\"text\","
                    + "\"text\":\"x\",\"mediaId\":\"" + jpeg + "\"}", "invalid_frame");
            wa.requestError("{\"type\":\"send\",\"chatId\":" + chat + ",\"clientId\":\"c3\",\"kind\":\"sticker\","
                    + "\"mediaId\":\"" + jpeg + "\"}", "invalid_frame");
            ServerFrame.Accepted first = wa.request("{\"type\":\"send\",\"chatId\":" + chat
                    + ",\"clientId\":\"same\",\"kind\":\"image\",\"mediaId\":\"" + jpeg + "\"}", ServerFrame.Accepted.class);
            ServerFrame.Accepted again = wa.request("{\"type\":\"send\",\"chatId\":" + chat
                    + ",\"clientId\":\"same\",\"kind\":\"image\",\"mediaId\":\"" + jpeg + "\"}", ServerFrame.Accepted.class);
            assertThat(again.seq()).isEqualTo(first.seq());
        }
    }

    @Test
    void signedLinksWorkWithoutAHeaderAndOnlyAsSigned() {
        TestApi.Account a = api.newUser("lisa");
        byte[] png = MediaSamples.png(30, 30);
        String id = media.upload(a.token(), png, "image/png", null).get("id").asText();
        MediaHttp.Answer link = media.call("POST", a.token(), "/v1/media/" + id + "/link", null);
        assertThat(link.status()).isEqualTo(200);
        String url = link.json().get("url").asText();
        assertThat(media.get(null, url).body()).isEqualTo(png);
        assertThat(media.get(null, url, "Range", "bytes=0-3").status()).isEqualTo(206);
        assertThat(media.get(null, url.replace("sig=", "sig=x")).status()).isEqualTo(401);
        String other = media.upload(a.token(), MediaSamples.png(31, 31), "image/png", null).get("id").asText();
        assertThat(media.get(null, url.replace(id, other)).status()).as("a link names one media").isEqualTo(401);
    }

    @Test
    void aVideoTakesAPosterFrameValidatedAsAnImage() {
        TestApi.Account a = api.newUser("vera");
        TestApi.Account b = api.newUser("vic");
        byte[] mp4 = MediaSamples.mp4();
        MediaHttp.Answer started = media.call("POST", a.token(), "/v1/uploads", ("{\"length\":" + mp4.length
                + ",\"mime\":\"video/mp4\",\"fileName\":\"clip.mp4\",\"width\":1280,\"height\":720,"
                + "\"durationMs\":4200}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String id = started.json().get("uploadId").asText();
        JsonNode video = media.patch(a.token(), id, 0, mp4).json().get("media");
        assertThat(video.get("mime").asText()).isEqualTo("video/mp4");
        assertThat(video.get("width").asInt()).isEqualTo(1280);
        assertThat(video.get("durationMs").asLong()).isEqualTo(4200);
        assertThat(video.hasNonNull("thumbnail")).isFalse();

        MediaHttp.Answer notImage = media.call("PUT", a.token(), "/v1/media/" + id + "/poster", MediaSamples.pdf());
        assertThat(notImage.status()).isEqualTo(415);
        assertThat(media.call("PUT", b.token(), "/v1/media/" + id + "/poster", MediaSamples.jpeg(64, 36)).status())
                .isEqualTo(404);
        MediaHttp.Answer poster = media.call("PUT", a.token(), "/v1/media/" + id + "/poster",
                MediaSamples.jpeg(320, 180));
        assertThat(poster.status()).isEqualTo(200);
        assertThat(poster.json().at("/media/thumbnail").asText()).isNotEmpty();
        assertThat(poster.json().at("/media/width").asInt()).as("declared size kept").isEqualTo(1280);

        String image = media.upload(a.token(), MediaSamples.jpeg(10, 10), "image/jpeg", null).get("id").asText();
        assertThat(media.call("PUT", a.token(), "/v1/media/" + image + "/poster", MediaSamples.jpeg(10, 10))
                .status()).isEqualTo(400);
    }
}
