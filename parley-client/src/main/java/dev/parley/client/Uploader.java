package dev.parley.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Views;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The upload half of {@link ParleyMedia}: hash, announce ({@code POST /v1/uploads}), then append with tus
 * {@code PATCH}es from wherever the server is, asking {@code HEAD} after a failure. See the contract of
 * {@link ParleyMedia#upload}.
 */
final class Uploader {
    private final ParleyHttp http;
    private final Supplier<Retries> retries;
    private final java.time.Duration stall;

    /** What {@code POST /v1/uploads} answers: {@code media} when deduplicated (200), else the upload (201). */
    record Announced(Views.Media media, Boolean deduplicated, String uploadId, Long offset, Long length) {
    }

    /** The {@code {"media": …}} envelope of the info endpoint. */
    record Envelope(Views.Media media) {
    }

    /** Where one PATCH left the upload. */
    private sealed interface Step {
        /** The server has every byte: the media. */
        record Done(UploadResult result) implements Step {
        }

        /** Accepted up to {@code offset}; more to send. */
        record Moved(long offset) implements Step {
        }

        /** Refused with 409: the server is at {@code offset} (null: ask HEAD). */
        record Mismatch(Long offset, ParleyApiException error) implements Step {
        }
    }

    Uploader(ParleyHttp http, Supplier<Retries> retries, java.time.Duration stall) {
        this.http = http;
        this.retries = retries;
        this.stall = stall;
    }

    UploadResult upload(String token, Path file, UploadRequest request, ProgressListener listener) {
        UploadRequest req = request == null ? UploadRequest.DEFAULTS : request;
        long size = size(file);
        String sha256 = io(() -> Sha256.of(file), file);
        Progress progress = new Progress(listener);
        progress.total(size);
        Announced answer = http.call("POST", "/v1/uploads", token, announcement(file, size, sha256, req),
                Announced.class);
        if (answer.media() != null) {
            progress.finish();
            return new UploadResult(answer.media(), true);
        }
        progress.listener().uploadCreated(ParleyMedia.id(answer.uploadId(), "uploadId"));
        long offset = answer.offset() == null ? 0 : answer.offset();
        UploadResult result = transfer(token, answer.uploadId(), file, size, offset, progress);
        String stored = result.media().sha256();
        if (stored != null && !stored.equalsIgnoreCase(sha256)) {
            throw new IllegalStateException(file + " changed while it was uploaded: the server stored SHA-256 " + stored
                    + ", the file had " + sha256 + " before; upload it again");
        }
        return result;
    }

    UploadResult resume(String token, String uploadId, Path file, ProgressListener listener) {
        long size = size(file);
        Progress progress = new Progress(listener);
        progress.total(size);
        return transfer(token, uploadId, file, size, null, progress);
    }

    /**
     * Appends the file from {@code offset} (null: ask the server first) until the server has all of it, retrying
     * network failures and 5xx answers within the retry budget.
     */
    private UploadResult transfer(String token, String id, Path file, long size, Long offset, Progress progress) {
        Retries budget = retries.get();
        String what = "uploading " + file.getFileName();
        Long at = offset;
        while (true) {
            try {
                if (at == null) {
                    at = serverOffset(token, id, size);
                    if (at == null || at == size) {
                        return finished(token, id, progress);
                    }
                }
                progress.at(at);
                switch (patch(token, id, file, size, at, progress)) {
                    case Step.Done done -> {
                        progress.finish();
                        return done.result();
                    }
                    case Step.Moved moved -> {
                        if (moved.offset() > at) {
                            budget.progressed();
                        } else {
                            budget.failed(new IOException("the server kept none of the bytes at " + at), what);
                        }
                        at = moved.offset();
                    }
                    case Step.Mismatch mismatch -> {
                        budget.failed(mismatch.error(), what);
                        at = mismatch.offset();
                    }
                }
            } catch (InterruptedIOException e) {
                throw new UncheckedIOException(e);
            } catch (IOException e) {
                budget.failed(e, what);
                at = null;
            } catch (ParleyApiException e) {
                if (e.status() < 500) {
                    throw e;
                }
                budget.failed(e, what);
                at = null;
            }
        }
    }

    private Step patch(String token, String id, Path file, long size, long offset, Progress progress) throws IOException {
        if (size(file) != size) {
            throw new IllegalStateException(file + " changed size while it was uploaded (" + size + " bytes before, "
                    + size(file) + " now); upload it again");
        }
        AtomicLong position = new AtomicLong(offset);
        HttpRequest request = http.request("/v1/uploads/" + ParleyMedia.id(id, "uploadId"), token)
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", Long.toString(offset))
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", FileSlice.publisher(file, offset, size - offset, progress::at, position))
                .build();
        HttpResponse<String> response = Exchanges.exchange(http.client(), request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), position::get, stall);
        String what = "PATCH /v1/uploads/" + id;
        return switch (response.statusCode()) {
            case 200 -> new Step.Done(http.read(response.body(), 200, UploadResult.class, what));
            case 204 -> new Step.Moved(uploadOffset(response).orElseThrow(() -> new IOException(
                    what + " answered 204 without Upload-Offset")));
            case 409 -> new Step.Mismatch(uploadOffset(response).orElse(null),
                    http.error(409, response.body(), what));
            default -> throw http.error(response.statusCode(), response.body(), what);
        };
    }

    /** The server's offset ({@code HEAD}); null when the upload is gone (finished, or expired). */
    private Long serverOffset(String token, String id, long size) throws IOException {
        HttpRequest request = http.request("/v1/uploads/" + ParleyMedia.id(id, "uploadId"), token)
                .header("Tus-Resumable", "1.0.0").HEAD().build();
        HttpResponse<String> response = Exchanges.exchange(http.client(), request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), () -> 0, http.timeout());
        String what = "HEAD /v1/uploads/" + id;
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() >= 400) {
            throw http.error(response.statusCode(), response.body(), what);
        }
        var length = response.headers().firstValueAsLong("Upload-Length");
        if (length.isPresent() && length.getAsLong() != size) {
            throw new IllegalArgumentException("upload " + id + " is " + length.getAsLong() + " bytes long but the file has "
                    + size + ": it is not the file being uploaded");
        }
        return uploadOffset(response).orElseThrow(() -> new IOException(what + " answered without Upload-Offset"));
    }

    /** The upload is no longer there: its media (same id) if it finished, else {@code not_found}. */
    private UploadResult finished(String token, String id, Progress progress) {
        Views.Media media = http.call("GET", "/v1/media/" + id + "/info", token, null, Envelope.class).media();
        progress.finish();
        return new UploadResult(media, false);
    }

    private ObjectNode announcement(Path file, long size, String sha256, UploadRequest req) {
        ObjectNode body = http.mapper().createObjectNode()
                .put("length", size)
                .put("mime", req.mime() != null ? req.mime() : MediaTypes.guess(file))
                .put("fileName", req.fileName() != null ? req.fileName() : String.valueOf(file.getFileName()))
                .put("sha256", sha256);
        if (req.width() != null) {
            body.put("width", req.width());
        }
        if (req.height() != null) {
            body.put("height", req.height());
        }
        if (req.durationMs() != null) {
            body.put("durationMs", req.durationMs());
        }
        return body;
    }

    private static java.util.Optional<Long> uploadOffset(HttpResponse<?> response) {
        var offset = response.headers().firstValueAsLong("Upload-Offset");
        return offset.isPresent() ? java.util.Optional.of(offset.getAsLong()) : java.util.Optional.empty();
    }

    private static long size(Path file) {
        long size = io(() -> Files.size(file), file);
        if (size == 0) {
            throw new IllegalArgumentException(file + " is empty: there is nothing to upload");
        }
        return size;
    }

    interface IoSupplier<T> {
        T get() throws IOException;
    }

    static <T> T io(IoSupplier<T> action, Path file) {
        try {
            return action.get();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
