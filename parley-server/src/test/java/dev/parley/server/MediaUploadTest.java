package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.media.MediaSamples;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Uploads over a real socket: resumable appends, dedupe, type checks, limits and bad input (protocol.md §13.2). */
class MediaUploadTest {
    @RegisterExtension
    static TestServer server = new TestServer().with("parley.media.max-bytes", "8MiB");

    private final TestApi api = new TestApi(server.http());
    private final MediaHttp media = new MediaHttp(server.http());

    @Test
    void uploadInPartsResumesAtTheServersOffsetAndDescribesTheImage() {
        TestApi.Account a = api.newUser("ulla");
        byte[] jpeg = MediaSamples.jpegWithOrientation(400, 200, 6);
        MediaHttp.Answer started = media.announce(a.token(), jpeg.length, "image/jpeg", "dir/beach.jpg", null);
        assertThat(started.status()).isEqualTo(201);
        String id = started.json().get("uploadId").asText();
        assertThat(started.header("Location")).isEqualTo("/v1/uploads/" + id);

        int half = jpeg.length / 2;
        MediaHttp.Answer first = media.patch(a.token(), id, 0, Arrays.copyOf(jpeg, half));
        assertThat(first.status()).isEqualTo(204);
        assertThat(first.offset()).isEqualTo(half);
        MediaHttp.Answer head = media.head(a.token(), "/v1/uploads/" + id);
        assertThat(head.offset()).isEqualTo(half);
        assertThat(head.header("Upload-Length")).isEqualTo(Integer.toString(jpeg.length));

        MediaHttp.Answer wrong = media.patch(a.token(), id, 0, Arrays.copyOf(jpeg, 10));
        assertThat(wrong.status()).isEqualTo(409);
        assertThat(wrong.errorCode()).isEqualTo("offset_mismatch");
        assertThat(wrong.offset()).isEqualTo(half);

        MediaHttp.Answer done = media.patch(a.token(), id, half, Arrays.copyOfRange(jpeg, half, jpeg.length));
        assertThat(done.status()).isEqualTo(200);
        JsonNode m = done.json().get("media");
        assertThat(m.get("id").asText()).isEqualTo(id);
        assertThat(m.get("sha256").asText()).isEqualTo(MediaHttp.sha256(jpeg));
        assertThat(m.get("size").asLong()).isEqualTo(jpeg.length);
        assertThat(m.get("mime").asText()).isEqualTo("image/jpeg");
        assertThat(m.get("fileName").asText()).isEqualTo("beach.jpg");
        assertThat(m.get("width").asInt()).as("orientation 6 is displayed rotated").isEqualTo(200);
        assertThat(m.get("height").asInt()).isEqualTo(400);
        assertThat(m.get("thumbnail").asText()).isNotEmpty();
        assertThat(done.json().get("deduplicated").asBoolean()).isFalse();
        assertThat(media.head(a.token(), "/v1/uploads/" + id).status()).as("finished uploads are gone").isEqualTo(404);
    }

    @Test
    void announcedHashAlreadyStoredSkipsTheUploadAcrossUsers() {
        TestApi.Account a = api.newUser("dora");
        TestApi.Account b = api.newUser("dirk");
        byte[] png = MediaSamples.png(64, 48);
        JsonNode first = media.upload(a.token(), png, "image/png", "a.png");

        MediaHttp.Answer again = media.announce(b.token(), png.length, "image/png", "b.png", MediaHttp.sha256(png));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("deduplicated").asBoolean()).isTrue();
        JsonNode second = again.json().get("media");
        assertThat(second.get("id").asText()).isNotEqualTo(first.get("id").asText());
        assertThat(second.get("sha256").asText()).isEqualTo(first.get("sha256").asText());
        assertThat(second.get("fileName").asText()).isEqualTo("b.png");
        assertThat(second.get("thumbnail").asText()).isEqualTo(first.get("thumbnail").asText());

        MediaHttp.Answer otherLength = media.announce(b.token(), png.length + 1, "image/png", null,
                MediaHttp.sha256(png));
        assertThat(otherLength.status()).as("hash and length must both match").isEqualTo(201);
    }

    @Test
    void theSameBytesUploadedTwiceAreStoredOnce() {
        TestApi.Account a = api.newUser("olli");
        byte[] pdf = MediaSamples.pdf();
        JsonNode first = media.upload(a.token(), pdf, "application/pdf", "x.pdf");
        MediaHttp.Answer started = media.announce(a.token(), pdf.length, "application/pdf", "y.pdf", null);
        MediaHttp.Answer done = media.patch(a.token(), started.json().get("uploadId").asText(), 0, pdf);
        assertThat(done.json().get("deduplicated").asBoolean()).isTrue();
        assertThat(done.json().at("/media/sha256").asText()).isEqualTo(first.get("sha256").asText());
    }

    @Test
    void bytesOfAnotherTypeThanDeclaredAreRefusedAndDiscarded() {
        TestApi.Account a = api.newUser("mona");
        byte[] pdf = MediaSamples.pdf();
        MediaHttp.Answer started = media.announce(a.token(), pdf.length, "image/png", "fake.png", null);
        String id = started.json().get("uploadId").asText();
        MediaHttp.Answer refused = media.patch(a.token(), id, 0, pdf);
        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.errorCode()).isEqualTo("media_type_mismatch");
        assertThat(refused.json().at("/error/message").asText()).contains("image/png", "application/pdf");
        assertThat(media.head(a.token(), "/v1/uploads/" + id).status()).isEqualTo(404);
    }

    @Test
    void announcedHashThatDoesNotMatchTheBytesIsRefused() {
        TestApi.Account a = api.newUser("hans");
        byte[] text = MediaSamples.text("hello parley");
        MediaHttp.Answer started = media.announce(a.token(), text.length, "text/plain", null, "0".repeat(64));
        MediaHttp.Answer refused = media.patch(a.token(), started.json().get("uploadId").asText(), 0, text);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/error/message").asText()).contains(MediaHttp.sha256(text));
    }

    @Test
    void sizeAndTypeLimitsAreEnforced() {
        TestApi.Account a = api.newUser("lena");
        MediaHttp.Answer huge = media.announce(a.token(), 8L * 1024 * 1024 + 1, "video/mp4", null, null);
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.errorCode()).isEqualTo("media_too_large");
        MediaHttp.Answer exe = media.announce(a.token(), 10, "application/x-msdownload", null, null);
        assertThat(exe.status()).isEqualTo(415);
        assertThat(exe.errorCode()).isEqualTo("media_type_not_allowed");

        MediaHttp.Answer started = media.announce(a.token(), 4, "text/plain", null, null);
        String id = started.json().get("uploadId").asText();
        MediaHttp.Answer tooMuch = media.patch(a.token(), id, 0, MediaSamples.text("more than four"));
        assertThat(tooMuch.status()).isEqualTo(413);
        assertThat(media.head(a.token(), "/v1/uploads/" + id).offset()).as("nothing of it was kept").isZero();
    }

    @Test
    void badRequestsGetClearErrors() {
        TestApi.Account a = api.newUser("bert");
        TestApi.Account other = api.newUser("bine");
        MediaHttp.Answer noLength = media.call("POST", a.token(), "/v1/uploads",
                "{\"mime\":\"image/png\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(noLength.status()).isEqualTo(400);
        assertThat(noLength.json().at("/error/message").asText()).contains("length");
        assertThat(media.announce(a.token(), 10, "not a type", null, null).errorCode()).isEqualTo("invalid_frame");
        assertThat(media.announce(a.token(), 10, "text/plain", null, "xyz").errorCode()).isEqualTo("invalid_frame");
        assertThat(media.announce(null, 10, "text/plain", null, null).status()).isEqualTo(401);

        String id = media.announce(a.token(), 10, "text/plain", null, null).json().get("uploadId").asText();
        assertThat(media.patch(null, id, 0, new byte[3]).status()).isEqualTo(401);
        assertThat(media.patch(other.token(), id, 0, new byte[3]).status()).as("someone else's upload")
                .isEqualTo(404);
        MediaHttp.Answer noOffset = media.call("PATCH", a.token(), "/v1/uploads/" + id, new byte[3]);
        assertThat(noOffset.status()).isEqualTo(400);
        assertThat(noOffset.json().at("/error/message").asText()).contains("Upload-Offset");
        assertThat(media.call("DELETE", a.token(), "/v1/uploads/" + id, null).status()).isEqualTo(204);
        assertThat(media.head(a.token(), "/v1/uploads/" + id).status()).isEqualTo(404);
        assertThat(media.get(a.token(), "/v1/media/../etc").status()).isEqualTo(404);
    }

    @Test
    void anInterruptedAppendKeepsWhatArrivedAndTheUploadResumes() throws IOException {
        TestApi.Account a = api.newUser("ina");
        byte[] bytes = MediaSamples.randomBytes(3 * 1024 * 1024, 7);
        String id = media.announce(a.token(), bytes.length, "application/octet-stream", "blob.bin", null)
                .json().get("uploadId").asText();
        int sent = 1024 * 1024 + 123;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH /v1/uploads/" + id + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + a.token()
                    + "\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: "
                    + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, 0, sent);
            out.flush();
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> media.head(a.token(), "/v1/uploads/" + id).offset() == sent);

        MediaHttp.Answer done = media.patch(a.token(), id, sent, Arrays.copyOfRange(bytes, sent, bytes.length));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().at("/media/sha256").asText()).isEqualTo(MediaHttp.sha256(bytes));
        assertThat(done.json().at("/media/mime").asText()).isEqualTo("application/octet-stream");
        MediaHttp.Answer download = media.get(a.token(), "/v1/media/" + id);
        assertThat(download.body()).isEqualTo(bytes);
    }

    @Test
    void aConnectionSurvivesAnsweredRequestsAndKeepsServing() throws IOException {
        TestApi.Account a = api.newUser("kai");
        byte[] text = MediaSamples.text("keep-alive");
        String id = media.announce(a.token(), text.length, "text/plain", null, null).json().get("uploadId").asText();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int offset : new int[] {5, 0}) {
                out.write(("PATCH /v1/uploads/" + id + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + a.token()
                        + "\r\nUpload-Offset: " + offset + "\r\nContent-Length: " + text.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(text);
                out.flush();
                String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
                assertThat(status).isEqualTo(offset == 5 ? "HTTP/1.1 409" : "HTTP/1.1 200");
                skipResponse(in);
            }
        }
    }

    /** Reads the rest of a response with a Content-Length body. */
    private static void skipResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.read());
        }
        String h = head.toString().toLowerCase(java.util.Locale.ROOT);
        int at = h.indexOf("content-length:");
        int length = Integer.parseInt(h.substring(at + 15, h.indexOf("\r\n", at)).trim());
        in.readNBytes(length);
    }
}
