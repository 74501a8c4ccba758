package dev.parley.client;

import static dev.parley.client.MediaTestSupport.bytes;
import static dev.parley.client.MediaTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.ErrorCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads against an in-process tus server: hashing, dedupe, resuming after failures, bounded retries. */
class ParleyMediaUploadTest {
    private static final int SIZE = 300_000;
    private final FakeMediaServer server = new FakeMediaServer();
    private final ParleyMedia media = new ParleyMedia(new ParleyHttp(server.uri()), 3, Duration.ofMillis(1),
            Duration.ofMillis(5), Duration.ofSeconds(10));
    private final MediaTestSupport.Recorder progress = new MediaTestSupport.Recorder();
    private final byte[] bytes = bytes(SIZE, 42);

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        server.close();
    }

    private Path file() {
        return write(dir, "data.bin", bytes);
    }

    @Test
    void announcesTheFileThenStreamsItWithProgress() {
        UploadResult result = media.upload("tok", file(), UploadRequest.DEFAULTS, progress);

        assertThat(result.deduplicated()).isFalse();
        assertThat(result.media().size()).isEqualTo(SIZE);
        assertThat(result.media().sha256()).isEqualTo(FakeMediaServer.sha256(bytes));
        assertThat(result.media().fileName()).isEqualTo("data.bin");
        assertThat(result.media().mime()).isEqualTo("application/octet-stream");
        assertThat(server.bytesOf(result.media().id())).isEqualTo(bytes);
        assertThat(progress.uploadId).isEqualTo(result.media().id());
        progress.assertCompleteAndMonotonic(SIZE);
        assertThat(server.requests).extracting(FakeMediaServer.Seen::method).containsExactly("POST", "PATCH");
        FakeMediaServer.Seen patch = server.requests.get(1);
        assertThat(patch.path()).isEqualTo("/v1/uploads/" + progress.uploadId);
        assertThat(patch.uploadOffset()).isEqualTo("0");
        assertThat(patch.contentType()).isEqualTo("application/offset+octet-stream");
    }

    @Test
    void theSameBytesAgainAreDeduplicatedWithoutSendingThem() {
        UploadResult first = media.upload("tok", file(), null, null);
        UploadResult again = media.upload("tok", write(dir, "copy.bin", bytes), UploadRequest.DEFAULTS, progress);

        assertThat(again.deduplicated()).isTrue();
        assertThat(again.media().id()).isNotEqualTo(first.media().id());
        assertThat(again.media().sha256()).isEqualTo(first.media().sha256());
        assertThat(server.requests("PATCH")).isEqualTo(1);
        assertThat(progress.calls).singleElement().satisfies(call -> assertThat(call).containsExactly(SIZE, SIZE));
        assertThat(progress.uploadId).isNull();
    }

    @Test
    void anInterruptedPatchContinuesFromTheOffsetTheServerReports() {
        server.cutNextPatchAfter = 100_000;
        UploadResult result = media.upload("tok", file(), UploadRequest.DEFAULTS, progress);

        assertThat(server.bytesOf(result.media().id())).isEqualTo(bytes);
        assertThat(server.requests).extracting(FakeMediaServer.Seen::method)
                .containsExactly("POST", "PATCH", "HEAD", "PATCH");
        assertThat(server.requests.get(3).uploadOffset()).isEqualTo("100000");
        progress.assertCompleteAndMonotonic(SIZE);
    }

    @Test
    void aServerErrorIsRetriedFromTheServersOffset() {
        server.failNext.set(1);
        UploadResult result = media.upload("tok", file(), UploadRequest.DEFAULTS, progress);

        assertThat(server.bytesOf(result.media().id())).isEqualTo(bytes);
        assertThat(server.requests).extracting(FakeMediaServer.Seen::method)
                .containsExactly("POST", "PATCH", "HEAD", "PATCH");
        progress.assertCompleteAndMonotonic(SIZE);
    }

    @Test
    void anOffsetMismatchContinuesFromTheOffsetTheAnswerCarries() {
        server.prestage = Arrays.copyOf(bytes, 5_000);
        UploadResult result = media.upload("tok", file(), UploadRequest.DEFAULTS, progress);

        assertThat(server.bytesOf(result.media().id())).isEqualTo(bytes);
        assertThat(server.requests).extracting(FakeMediaServer.Seen::uploadOffset)
                .containsExactly(null, "0", "5000");
    }

    @Test
    void retriesAreBoundedAndEndWithTheLastError() {
        server.failNext.set(100);
        assertThatThrownBy(() -> media.upload("tok", file(), UploadRequest.DEFAULTS, progress))
                .isInstanceOfSatisfying(ParleyApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                });
        assertThat(server.requests("PATCH") + server.requests("HEAD")).isEqualTo(3);
    }

    @Test
    void aRefusalIsNotRetried() {
        server.failNext.set(1);
        server.failStatus = 415;
        server.failCode = "media_type_mismatch";
        assertThatThrownBy(() -> media.upload("tok", file(), UploadRequest.ofMime("image/png"), progress))
                .isInstanceOfSatisfying(ParleyApiException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MEDIA_TYPE_MISMATCH));
        assertThat(server.requests).extracting(FakeMediaServer.Seen::method).containsExactly("POST", "PATCH");
    }

    @Test
    void resumeAsksTheServerWhereItIsAndSendsTheRest() {
        String id = server.stage(SIZE, Arrays.copyOf(bytes, 123_456));
        UploadResult result = media.resumeUpload("tok", id, file(), progress);

        assertThat(server.bytesOf(result.media().id())).isEqualTo(bytes);
        assertThat(server.requests).extracting(FakeMediaServer.Seen::method).containsExactly("HEAD", "PATCH");
        assertThat(server.requests.get(1).uploadOffset()).isEqualTo("123456");
        assertThat(progress.calls.getFirst()).containsExactly(123_456, SIZE);
        progress.assertCompleteAndMonotonic(SIZE);
    }

    @Test
    void resumingAFinishedUploadReturnsItsMedia() {
        UploadResult done = media.upload("tok", file(), UploadRequest.DEFAULTS, null);
        UploadResult again = media.resumeUpload("tok", done.media().id(), file(), progress);

        assertThat(again.media()).isEqualTo(done.media());
        assertThat(progress.last()).containsExactly(SIZE, SIZE);
    }

    @Test
    void resumingWithAnotherFileOrAnUnknownUploadIsRefused() {
        String id = server.stage(10, new byte[0]);
        assertThatThrownBy(() -> media.resumeUpload("tok", id, file(), progress))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the file being uploaded");
        assertThatThrownBy(() -> media.resumeUpload("tok", "nope", file(), progress))
                .isInstanceOfSatisfying(ParleyApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(server.requests("PATCH")).isZero();
    }

    @Test
    void cancelDeletesTheUpload() {
        String id = server.stage(SIZE, new byte[0]);
        media.cancelUpload("tok", id);
        assertThat(server.requests.getLast()).satisfies(r -> {
            assertThat(r.method()).isEqualTo("DELETE");
            assertThat(r.path()).isEqualTo("/v1/uploads/" + id);
        });
        assertThatThrownBy(() -> media.resumeUpload("tok", id, file(), null)).isInstanceOf(ParleyApiException.class);
    }

    @Test
    void emptyFilesAndBadIdsAreRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> media.upload("tok", write(dir, "empty", new byte[0]), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> media.resumeUpload("tok", "../x", file(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uploadId");
        assertThat(server.requests).isEmpty();
    }
}
