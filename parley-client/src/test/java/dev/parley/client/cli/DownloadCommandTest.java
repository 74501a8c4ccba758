package dev.parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.FakeMediaServer;
import dev.parley.protocol.Views;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley download} against an in-process media server: naming, progress bar, refusing to overwrite, resuming. */
class DownloadCommandTest {
    private final FakeMediaServer server = new FakeMediaServer();
    private final byte[] bytes = new byte[200_000];
    private Views.Media stored;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        new Random(3).nextBytes(bytes);
        stored = server.store("mReport1", "../secret/report.pdf", "application/pdf", bytes);
        new ProfileStore(dir.resolve("profile")).save(new Profile(server.uri(), "tok", 1, 3, "alice"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliHarness cli() {
        return new CliHarness(dir.resolve("profile"));
    }

    @Test
    void savesUnderTheMediasOwnSafeNameWithAProgressBar() throws IOException {
        Path downloads = Files.createDirectory(dir.resolve("downloads"));
        CliHarness cli = cli();
        assertThat(cli.run("download", stored.id(), "-o", downloads.toString())).as(cli.err.toString()).isZero();

        assertThat(downloads.resolve("report.pdf")).hasBinaryContent(bytes);
        assertThat(cli.err.toString()).contains("\r[####################] 100%  200.0/200.0 kB");
        assertThat(cli.out.toString()).isEqualTo("saved " + downloads.resolve("report.pdf")
                + " (200.0 kB, SHA-256 verified)" + System.lineSeparator());
    }

    @Test
    void anExistingFileIsKeptUnlessForced() throws IOException {
        Path target = Files.writeString(dir.resolve("mine.pdf"), "precious");
        CliHarness cli = cli();
        assertThat(cli.run("download", stored.id(), "-o", target.toString())).isEqualTo(1);
        assertThat(cli.err.toString()).contains("mine.pdf exists; choose another path with -o, or --force");
        assertThat(target).hasContent("precious");

        assertThat(cli.run("download", stored.id(), "-o", target.toString(), "--force")).isZero();
        assertThat(target).hasBinaryContent(bytes);
        assertThat(server.requests).noneMatch(r -> r.path().endsWith("/info"));
    }

    @Test
    void anInterruptedDownloadIsContinued() throws IOException {
        Path target = dir.resolve("report.pdf");
        Files.write(dir.resolve("report.pdf.part"), Arrays.copyOf(bytes, 50_000));
        Files.writeString(dir.resolve("report.pdf.part.etag"), "\"" + stored.sha256() + "\"");
        CliHarness cli = cli();
        assertThat(cli.run("download", stored.id(), "-o", target.toString())).as(cli.err.toString()).isZero();

        assertThat(target).hasBinaryContent(bytes);
        assertThat(cli.err.toString()).startsWith("continuing the download in " + dir.resolve("report.pdf.part"));
        assertThat(cli.out.toString()).contains("resumed at 50.0 kB");
        assertThat(server.requests.getLast().range()).isEqualTo("bytes=50000-");
    }

    @Test
    void unknownMediaIsAOneLineError() {
        CliHarness cli = cli();
        assertThat(cli.run("download", "nope", "-o", dir.resolve("x").toString())).isEqualTo(1);
        assertThat(cli.err.toString()).startsWith("error: not_found (HTTP 404)");
    }
}
