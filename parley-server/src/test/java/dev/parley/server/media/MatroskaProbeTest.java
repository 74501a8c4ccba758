package dev.parley.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** WebM (what browsers' MediaRecorder writes) is told apart from other Matroska and accepted as declared. */
class MatroskaProbeTest {
    /** The EBML header of a Chrome MediaRecorder file: version fields, then DocType "webm". */
    private static final String WEBM_HEADER = "1a45dfa39f4286810142f7810142f2810442f381084282847765626d42878104428581"
            + "02";
    private final TikaMediaProbe probe = new TikaMediaProbe();

    private static byte[] file(String header) {
        byte[] head = HexFormat.of().parseHex(header);
        return Arrays.copyOf(head, 4096);
    }

    @Test
    void aWebmFromABrowserIsVideoWebmAndMatchesWhatBrowsersDeclare() throws IOException {
        byte[] webm = file(WEBM_HEADER);
        String mime = probe.probe(() -> new ByteArrayInputStream(webm), "clip.webm").mime();
        assertThat(mime).isEqualTo("video/webm");
        assertThat(probe.matches("video/webm", mime)).isTrue();
        assertThat(probe.matches("video/webm;codecs=vp8,opus", mime)).isTrue();
        assertThat(probe.matches("audio/webm", mime)).isTrue();
        assertThat(probe.matches("video/mp4", mime)).isFalse();
    }

    @Test
    void otherMatroskaIsVideoXMatroska() throws IOException {
        byte[] mkv = file(WEBM_HEADER.replace("7765626d", "6d6b7600"));
        String mime = probe.probe(() -> new ByteArrayInputStream(mkv), "film.mkv").mime();
        assertThat(mime).isEqualTo("video/x-matroska");
        assertThat(probe.matches("video/webm", mime)).isTrue();
    }
}
