package dev.parley.client;

import static dev.parley.client.MediaTestSupport.bytes;
import static dev.parley.client.MediaTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Views;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads against an in-process server: streaming, resuming a .part, verification; info, thumbnail, link. */
class ParleyMediaDownloadTest {
    private static final int SIZE = 250_000;
    private final FakeMediaServer server = new FakeMediaServer();
    private final ParleyMedia media = new ParleyMedia(new ParleyHttp(server.uri()), 3, Duration.ofMillis(1),
            Duration.ofMillis(5), Duration.ofSeconds(10));
    private final MediaTestSupport.Recorder progress = new MediaTestSupport.Recorder();
    private final byte[] bytes = bytes(SIZE, 7);
    private Views.Media stored;

    @TempDir
    Path dir;

    @BeforeEach
    void store() {
        stored = server.store("mAbc_-1", "report.pdf", "application/pdf", bytes);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path target() {
        return dir.resolve("report.pdf");
    }

    private void leavePart(int length, String etag) throws IOException {
        write(dir, "report.pdf.part", Arrays.copyOf(bytes, length));
        Files.writeString(dir.resolve("report.pdf.part.etag"), etag + "\n");
    }

    private void assertDownloaded(DownloadResult result) {
        assertThat(result.file()).isEqualTo(target());
        assertThat(target()).hasBinaryContent(bytes);
        assertThat(result.size()).isEqualTo(SIZE);
        assertThat(result.sha256()).isEqualTo(stored.sha256());
        assertThat(dir.resolve("report.pdf.part")).doesNotExist();
        assertThat(dir.resolve("report.pdf.part.etag")).doesNotExist();
    }

    @Test
    void streamsVerifiesAndMovesTheFileIntoPlace() {
        DownloadResult result = media.download("tok", stored.id(), target(), progress);

        assertDownloaded(result);
        assertThat(result.resumedFrom()).isZero();
        progress.assertCompleteAndMonotonic(SIZE);
        assertThat(server.requests).singleElement().satisfies(r -> assertThat(r.range()).isNull());
    }

    @Test
    void aPartLeftByAnEarlierDownloadIsResumedWithRangeAndIfRange() throws IOException {
        leavePart(100_000, "\"" + stored.sha256() + "\"");
        DownloadResult result = media.download("tok", stored.id(), target(), progress);

        assertDownloaded(result);
        assertThat(result.resumedFrom()).isEqualTo(100_000);
        assertThat(server.requests).singleElement().satisfies(r -> {
            assertThat(r.range()).isEqualTo("bytes=100000-");
            assertThat(r.ifRange()).isEqualTo("\"" + stored.sha256() + "\"");
        });
        assertThat(progress.calls.getFirst()[0]).isEqualTo(100_000);
        progress.assertCompleteAndMonotonic(SIZE);
    }

    @Test
    void aDroppedConnectionIsResumedWithinTheSameCall() {
        server.cutNextDownloadAfter = 60_000;
        DownloadResult result = media.download("tok", stored.id(), target(), progress);

        assertDownloaded(result);
        assertThat(result.resumedFrom()).isZero();
        assertThat(server.requests).hasSize(2);
        assertThat(server.requests.get(1).range()).isEqualTo("bytes=60000-");
        progress.assertCompleteAndMonotonic(SIZE);
    }

    @Test
    void aPartOfOtherContentIsReplaced() throws IOException {
        leavePart(100_000, "\"" + "0".repeat(64) + "\"");
        DownloadResult result = media.download("tok", stored.id(), target(), progress);

        assertDownloaded(result);
        assertThat(result.resumedFrom()).isZero();
        assertThat(server.requests).singleElement().satisfies(r -> assertThat(r.range()).isEqualTo("bytes=100000-"));
    }

    @Test
    void aCompletePartIsVerifiedAndMovedWithoutTransfer() throws IOException {
        leavePart(SIZE, "\"" + stored.sha256() + "\"");
        DownloadResult result = media.download("tok", stored.id(), target(), progress);

        assertDownloaded(result);
        assertThat(result.resumedFrom()).isEqualTo(SIZE);
        assertThat(server.requests).singleElement().satisfies(r -> assertThat(r.range()).isEqualTo("bytes=250000-"));
    }

    @Test
    void bytesThatDoNotMatchTheEtagFailAndAreNotKept() {
        server.wrongEtag = "ab".repeat(32);
        assertThatThrownBy(() -> media.download("tok", stored.id(), target(), progress))
                .isInstanceOfSatisfying(MediaChecksumException.class, e -> {
                    assertThat(e.expected()).isEqualTo("ab".repeat(32));
                    assertThat(e.actual()).isEqualTo(stored.sha256());
                    assertThat(e.getMessage()).contains("corrupt");
                });
        assertThat(target()).doesNotExist();
        assertThat(dir.resolve("report.pdf.part")).doesNotExist();
    }

    @Test
    void unknownMediaIsNotFoundAndLeavesNoFile() {
        assertThatThrownBy(() -> media.download("tok", "nope", target(), progress))
                .isInstanceOfSatisfying(ParleyApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aStalledDownloadIsAbandonedAfterTheAttempts() {
        ParleyMedia impatient = new ParleyMedia(new ParleyHttp(server.uri()), 2, Duration.ofMillis(1),
                Duration.ofMillis(5), Duration.ofMillis(200));
        server.holdDownloads = new CountDownLatch(1);
        assertThatThrownBy(() -> impatient.download("tok", stored.id(), target(), progress))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("stalled");
        assertThat(server.requests).hasSize(2);
    }

    @Test
    void infoThumbnailAndLink() {
        assertThat(media.mediaInfo("tok", stored.id())).isEqualTo(stored);
        assertThat(media.thumbnail("tok", stored.id())).containsExactly(1, 2, 3);
        MediaLink link = media.mediaLink("tok", stored.id());
        assertThat(link.url()).hasToString(server.uri() + "/v1/media/" + stored.id() + "?exp=7&sig=s");
        assertThat(link.expiresAt()).isEqualTo(7);
        assertThatThrownBy(() -> media.thumbnail("tok", "gone"))
                .isInstanceOfSatisfying(ParleyApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> media.mediaInfo("tok", "a/b")).isInstanceOf(IllegalArgumentException.class);
    }
}
