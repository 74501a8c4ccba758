package dev.parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** send-file and download: arguments and the checks made before connecting. */
class MediaCliParsingTest {
    @TempDir
    Path dir;

    private CliHarness cli() {
        return new CliHarness(dir.resolve("profile"));
    }

    @Test
    void sendFileTakesAChatAPathACaptionAndAKind() {
        SendFileCommand send = cli().command("send-file", "@bob", "beach.jpg", "--caption", "the beach!", "--kind", "file");
        assertThat(send.target).isEqualTo(new ChatTarget(null, "bob"));
        assertThat(send.file).isEqualTo(Path.of("beach.jpg"));
        assertThat(send.caption).isEqualTo("the beach!");
        assertThat(send.kind).isEqualTo("file");
        assertThat(send.mime).isNull();
    }

    @Test
    void anUnknownKindOrAMissingFileFailsBeforeConnecting() throws IOException {
        CliHarness cli = cli();
        Path file = Files.write(dir.resolve("a.bin"), new byte[] {1});
        assertThat(cli.run("send-file", "12", file.toString(), "--kind", "audio")).isEqualTo(1);
        assertThat(cli.err.toString()).contains("--kind must be one of image, video, file, got 'audio'");
        assertThat(cli.run("send-file", "12", dir.resolve("missing.bin").toString())).isEqualTo(1);
        assertThat(cli.err.toString()).contains("missing.bin: not a readable file");
    }

    @Test
    void sendFileNeedsAPath() {
        CliHarness cli = cli();
        assertThat(cli.run("send-file", "12")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("PATH");
    }

    @Test
    void downloadTakesAMediaIdAndAnOutput() {
        DownloadCommand download = cli().command("download", "mB7c0S3q", "-o", "out.jpg", "--force");
        assertThat(download.mediaId).isEqualTo("mB7c0S3q");
        assertThat(download.output).isEqualTo(Path.of("out.jpg"));
        assertThat(download.force).isTrue();
        DownloadCommand plain = cli().command("download", "mB7c0S3q");
        assertThat(plain.output).isNull();
        assertThat(plain.force).isFalse();
    }
}
