package dev.parley.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.TestApi;
import dev.parley.server.TestServer;
import dev.parley.testkit.media.MediaSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;

/**
 * Media through the UI: a photo (thumbnail from the message at once, then the full image through a signed link,
 * the full-size viewer), a video recorded in the browser (plays and seeks from a signed link), a file with name
 * and size, an upload progress bar on a throttled network, and dedupe of a photo sent again.
 */
@ExtendWith(FailureScreenshots.class)
class WebMediaTest {
    @RegisterExtension
    static TestServer server = new TestServer();
    static TestApi api;
    static Browser alice;
    static Browser bob;
    @TempDir
    static Path files;

    @BeforeAll
    static void browsers() {
        api = new TestApi(server.http());
        alice = new Browser("alice", server.http(), 1200, 800);
        bob = new Browser("bob", server.http(), 1200, 800);
    }

    @AfterAll
    static void close() {
        if (alice != null) {
            alice.close();
        }
        if (bob != null) {
            bob.close();
        }
    }

    @Test
    void photosVideosAndFilesTravelWithThumbnailsProgressAndSignedLinks() throws IOException {
        TestApi.Account a = api.newUser("Alice");
        TestApi.Account b = api.newUser("Bob");
        alice.login(a.username(), WebChatTest.PASSWORD);
        bob.login(b.username(), WebChatTest.PASSWORD);
        alice.startChat(b.username());
        alice.send("photos coming");
        bob.openChat("Alice");
        bob.message("photos coming");

        // a photo: the message's base64 thumbnail renders at once (here Bob's downloads are blocked), then the
        // full image comes through a signed link (Alice's side)
        bob.driver.executeCdpCommand("Network.enable", Map.of());
        bob.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*sig=*")));
        Path photo = files.resolve("beach.jpg");
        Files.write(photo, MediaSamples.jpeg(1600, 1200));
        attach(alice, photo);
        WebElement thumb = bob.find(".msg .media.image img");
        bob.until("the thumbnail", d -> ((Number) bob.js("return arguments[0].naturalWidth", thumb)).intValue() > 0
                ? true : null);
        assertThat(thumb.getAttribute("src")).startsWith("data:image/jpeg;base64,");
        assertThat(((Number) bob.js("return arguments[0].naturalWidth", thumb)).intValue()).isBetween(1, 192);
        assertThat(bob.find(".chat-item .ci-text").getText()).isEqualTo("Photo");
        bob.screenshot("50-photo-thumbnail-at-once");
        WebElement img = alice.find(".msg .media.image img");
        alice.until("the full image", d -> "true".equals(img.getAttribute("data-full")) ? true : null);
        assertThat(img.getAttribute("src")).contains("/v1/media/").contains("sig=");
        assertThat(((Number) alice.js("return arguments[0].naturalWidth", img)).intValue()).isEqualTo(1600);
        alice.screenshot("51-photo-sent-full-image");
        bob.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));

        bob.find(".msg .media.image").click();
        WebElement full = bob.find("#viewer img.full");
        bob.until("the full-size photo", d -> ((Number) bob.js("return arguments[0].naturalWidth", full)).intValue() == 1600
                ? true : null);
        bob.screenshot("52-photo-viewer");
        bob.keys(Keys.ESCAPE);
        bob.waitGone("#viewer");

        // a file: name and size, and a download link the browser may follow
        Path pdf = files.resolve("report.pdf");
        Files.write(pdf, MediaSamples.pdf());
        attach(alice, pdf);
        WebElement file = bob.find(".msg .media.file");
        assertThat(file.findElement(By.cssSelector(".file-name")).getText()).isEqualTo("report.pdf");
        assertThat(file.findElement(By.cssSelector(".file-size")).getText()).endsWith("B");
        WebElement link = file.findElement(By.cssSelector("a.download"));
        bob.until("a signed download link", d -> link.getAttribute("href").contains("sig=") ? true : null);
        @SuppressWarnings("unchecked")
        Map<String, Object> download = (Map<String, Object>) bob.jsAsync("const r = await fetch(arguments[0]);"
                + "return {status: r.status, type: r.headers.get('content-type'),"
                + " disposition: r.headers.get('content-disposition'), size: (await r.arrayBuffer()).byteLength}",
                link.getAttribute("href"));
        assertThat(download).containsEntry("status", 200L).containsEntry("type", "application/pdf")
                .containsEntry("size", (long) MediaSamples.pdf().length);
        assertThat((String) download.get("disposition")).startsWith("attachment");

        // a video recorded in the page: it plays from a signed link and seeks (Range requests)
        Boolean recorded = (Boolean) alice.jsAsync(RECORD_VIDEO);
        assertThat(recorded).isTrue();
        WebElement video = bob.find(".msg .media.video video");
        bob.until("video metadata", d -> ((Number) bob.js("return arguments[0].readyState", video)).intValue() >= 1
                ? true : null);
        assertThat(video.getAttribute("src")).contains("/v1/media/").contains("sig=");
        assertThat(video.getAttribute("poster")).as("the poster frame Alice's browser uploaded")
                .startsWith("data:image/jpeg;base64,");
        Object seeked = bob.jsAsync("const v = arguments[0]; return await new Promise(ok => {"
                + " v.addEventListener('seeked', () => ok(v.currentTime), {once: true}); v.currentTime = 0.8;"
                + " setTimeout(() => ok(-1), 8000); })", video);
        assertThat(((Number) seeked).doubleValue()).isGreaterThan(0.5);
        bob.screenshot("53-video-received");

        // a bigger file on a slow network shows its progress bar
        Path big = files.resolve("archive.bin");
        Files.write(big, MediaSamples.randomBytes(3 * 1024 * 1024, 7));
        ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
        slow.setUploadThroughput(1024 * 1024);
        slow.setDownloadThroughput(10 * 1024 * 1024);
        slow.setLatency(Duration.ofMillis(20));
        alice.driver.setNetworkConditions(slow);
        attach(alice, big);
        WebElement bar = alice.find(".uploading progress");
        alice.until("progress moves", d -> {
            double v = ((Number) alice.js("return arguments[0].value", bar)).doubleValue();
            return v > 0.05 && v < 1 ? true : null;
        });
        alice.screenshot("54-upload-progress");
        alice.driver.deleteNetworkConditions();
        bob.waitText(".msg .media.file .file-name", "archive.bin");

        // the same photo again: announced by its SHA-256, stored already, nothing is uploaded
        attach(bob, photo);
        alice.until("Bob's photo", d -> alice.all(".msg.in .media.image img").size() == 1 ? true : null);
        Object patches = bob.js("return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.includes('/v1/uploads/')).length");
        assertThat(((Number) patches).intValue()).isZero();
        alice.assertNoConsoleErrors();
        bob.assertNoConsoleErrors();
    }

    private static void attach(Browser who, Path file) {
        WebElement input = who.driver.findElement(By.id("attach-input"));
        who.js("arguments[0].hidden = false", input);
        input.sendKeys(file.toAbsolutePath().toString());
        who.js("arguments[0].hidden = true", input);
    }

    /** Records 1.5 s of an animated canvas as MP4 (H.264) and hands it to the composer's file input. */
    private static final String RECORD_VIDEO = """
            const canvas = document.createElement('canvas');
            canvas.width = 320; canvas.height = 240;
            const g = canvas.getContext('2d');
            let frame = 0;
            const draw = setInterval(() => { g.fillStyle = `hsl(${frame * 12 % 360}, 70%, 50%)`;
              g.fillRect(0, 0, 320, 240); g.fillStyle = '#fff'; g.fillText('frame ' + frame++, 20, 120); }, 40);
            const rec = new MediaRecorder(canvas.captureStream(25), {mimeType: 'video/mp4;codecs=avc1'});
            const chunks = [];
            rec.ondataavailable = (e) => chunks.push(e.data);
            const done = new Promise((ok) => rec.onstop = ok);
            rec.start(100);
            await new Promise((ok) => setTimeout(ok, 1500));
            rec.stop();
            await done;
            clearInterval(draw);
            const file = new File(chunks, 'clip.mp4', {type: 'video/mp4'});
            const input = document.getElementById('attach-input');
            const dt = new DataTransfer();
            dt.items.add(file);
            input.files = dt.files;
            input.dispatchEvent(new Event('change'));
            return true;
            """;
}
