package dev.parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Views;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Sizes, the progress bar, media in message lines, safe file names. */
class MediaFormattingTest {
    private static final Views.Media BEACH = new Views.Media("mB7c0S3qv1fUQk4n2oZp1w", "image/jpeg", 2_481_152,
            "9f86", "beach.jpg", 1600, 1200, null, "/9j/");

    @Test
    void sizesUseDecimalUnits() {
        assertThat(ByteSizes.human(0)).isEqualTo("0 B");
        assertThat(ByteSizes.human(999)).isEqualTo("999 B");
        assertThat(ByteSizes.human(12_345)).isEqualTo("12.3 kB");
        assertThat(ByteSizes.human(2_481_152)).isEqualTo("2.5 MB");
        assertThat(ByteSizes.human(999_999)).isEqualTo("1.0 MB");
        assertThat(ByteSizes.human(3_200_000_000L)).isEqualTo("3.2 GB");
        assertThat(ByteSizes.pair(11_200_000, 26_700_000)).isEqualTo("11.2/26.7 MB");
        assertThat(ByteSizes.rate(3_400_000)).isEqualTo("3.4 MB/s");
    }

    @Test
    void theBarFillsWithTheShare() {
        assertThat(ProgressBar.render(11_214_000, 26_700_000, 3_400_000))
                .isEqualTo("[########            ] 42%  11.2/26.7 MB  3.4 MB/s");
        assertThat(ProgressBar.render(0, 500, -1)).isEqualTo("[                    ] 0%  0/500 B");
        assertThat(ProgressBar.render(500, 500, -1)).isEqualTo("[####################] 100%  500/500 B");
        assertThat(ProgressBar.render(1_500, -1, -1)).isEqualTo("1.5 kB");
    }

    @Test
    void theBarIsRedrawnInPlaceAndPaddedOverLongerFrames() {
        StringWriter err = new StringWriter();
        AtomicLong now = new AtomicLong();
        ProgressBar bar = new ProgressBar(new PrintWriter(err, true), now::get);
        bar.progress(0, 2_000_000);
        now.addAndGet(1_000_000_000L);
        bar.progress(1_000_000, 2_000_000);
        now.addAndGet(1_000_000_000L);
        bar.progress(2_000_000, 2_000_000);
        bar.done();
        bar.done();
        assertThat(err.toString()).isEqualTo("\r[                    ] 0%  0.0/2.0 MB"
                + "\r[##########          ] 50%  1.0/2.0 MB  1.0 MB/s"
                + "\r[####################] 100%  2.0/2.0 MB  1.0 MB/s" + System.lineSeparator());
        StringWriter shrink = new StringWriter();
        ProgressBar second = new ProgressBar(new PrintWriter(shrink, true), now::get);
        second.progress(123_456, -1);
        second.progress(1, -1);
        assertThat(shrink.toString()).endsWith("\r1 B" + " ".repeat("123.5 kB".length() - "1 B".length()));
    }

    @Test
    void mediaMessagesShowKindNameSizeDimensionsIdAndCaption() {
        MessageLines lines = new MessageLines(Clock.fixed(CliHarness.NOW, ZoneOffset.UTC), ZoneOffset.UTC,
                new UserNames(1, id -> new Views.User(id, "bob", null, "Bob")));
        long ts = CliHarness.NOW.toEpochMilli();
        var image = new Views.Message(9, 4, "m4", 2, 1, "c4", "image", "the beach!", null, ts, null, BEACH);
        assertThat(lines.format(image))
                .isEqualTo("[12:00:00] Bob: [image beach.jpg 2.5 MB 1600×1200, media mB7c0S3qv1fUQk4n2oZp1w] the beach!");
        var clip = new Views.Media("v1", "video/mp4", 12_000_000, "ab", "clip\n.mp4", 1920, 1080, 3_723_000L, null);
        var video = new Views.Message(9, 5, "m5", 1, 1, "c5", "video", null, null, ts, null, clip);
        assertThat(lines.summary(video)).isEqualTo("me: [video clip?.mp4 12.0 MB 1920×1080 1:02:03, media v1]");
        var bare = new Views.Media("f1", "application/octet-stream", 10, "ab", null, null, null, null, null);
        var file = new Views.Message(9, 6, "m6", 1, 1, "c6", "file", null, null, ts, null, bare);
        assertThat(lines.summary(file)).isEqualTo("me: [file 10 B, media f1]");
    }

    @Test
    void savedFileNamesAreSafe() {
        assertThat(MediaLines.safeFileName("beach.jpg", "x")).isEqualTo("beach.jpg");
        assertThat(MediaLines.safeFileName("../../etc/passwd", "x")).isEqualTo("passwd");
        assertThat(MediaLines.safeFileName("C:\\Users\\a\\b?.txt", "x")).isEqualTo("b_.txt");
        assertThat(MediaLines.safeFileName("..", "media-1")).isEqualTo("media-1");
        assertThat(MediaLines.safeFileName(".hidden", "x")).isEqualTo("hidden");
        assertThat(MediaLines.safeFileName("a\u0000b\nc", "x")).isEqualTo("a_b_c");
        assertThat(MediaLines.safeFileName(null, "media-1")).isEqualTo("media-1");
        assertThat(MediaLines.safeFileName("n".repeat(300) + ".jpeg", "x")).hasSize(200).endsWith("n.jpeg");
    }
}
