package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaTypesTest {
    @TempDir
    Path dir;

    @Test
    void theKindFollowsTheTopLevelType() {
        assertThat(MediaTypes.kindOf("image/jpeg")).isEqualTo("image");
        assertThat(MediaTypes.kindOf(" IMAGE/PNG")).isEqualTo("image");
        assertThat(MediaTypes.kindOf("video/mp4")).isEqualTo("video");
        assertThat(MediaTypes.kindOf("audio/mpeg")).isEqualTo("file");
        assertThat(MediaTypes.kindOf("application/pdf")).isEqualTo("file");
        assertThat(MediaTypes.kindOf(null)).isEqualTo("file");
    }

    @Test
    void commonExtensionsAreKnownWhateverTheSystem() {
        assertThat(MediaTypes.guess(Path.of("beach.JPG"))).isEqualTo("image/jpeg");
        assertThat(MediaTypes.guess(Path.of("/tmp/a.b/clip.mp4"))).isEqualTo("video/mp4");
        assertThat(MediaTypes.guess(Path.of("report.pdf"))).isEqualTo("application/pdf");
        assertThat(MediaTypes.guess(Path.of("song.mp3"))).isEqualTo("audio/mpeg");
    }

    @Test
    void unknownNamesFallBackToOctetStream() throws IOException {
        Path noExtension = Files.write(dir.resolve("README"), new byte[] {1, 2, 3});
        assertThat(MediaTypes.guess(noExtension)).isIn(MediaTypes.OCTET_STREAM, Files.probeContentType(noExtension));
        assertThat(MediaTypes.guess(Path.of("x.zzqqyy"))).isEqualTo(MediaTypes.OCTET_STREAM);
    }
}
