package dev.parley.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The download half of {@link ParleyMedia}: streams {@code GET /v1/media/{id}} into {@code <target>.part}, resuming
 * a partial one with {@code Range} + {@code If-Range} (its ETag is kept next to it in {@code <target>.part.etag}),
 * verifies the SHA-256 against the ETag and moves the file into place. See {@link ParleyMedia#download}.
 */
final class Downloader {
    private final ParleyHttp http;
    private final Supplier<Retries> retries;
    private final Duration stall;

    Downloader(ParleyHttp http, Supplier<Retries> retries, Duration stall) {
        this.http = http;
        this.retries = retries;
        this.stall = stall;
    }

    DownloadResult download(String token, String mediaId, Path target, ProgressListener listener) {
        ParleyMedia.id(mediaId, "mediaId");
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("cannot download to " + target + ": " + dir + " is not a directory");
        }
        Job job = new Job(token, mediaId, target, new Progress(listener));
        Retries budget = retries.get();
        while (true) {
            try {
                DownloadResult result = job.attempt();
                if (result != null) {
                    return result;
                }
            } catch (InterruptedIOException e) {
                throw new UncheckedIOException(e);
            } catch (IOException e) {
                budget.failed(e, "downloading media " + mediaId);
            } catch (ParleyApiException e) {
                if (e.status() < 500) {
                    throw e;
                }
                budget.failed(e, "downloading media " + mediaId);
            }
        }
    }

    /** One download across its attempts: what the {@code .part} held at first, whether it was started over. */
    private final class Job {
        final String token;
        final String mediaId;
        final Path target;
        final Path part;
        final Path tag;
        final Progress progress;
        long kept = -1;
        boolean restarted;

        Job(String token, String mediaId, Path target, Progress progress) {
            this.token = token;
            this.mediaId = mediaId;
            this.target = target;
            this.part = sibling(target, ".part");
            this.tag = sibling(target, ".part.etag");
            this.progress = progress;
        }

        /** One request: the finished download, or null to try again at once (the {@code .part} was discarded). */
        DownloadResult attempt() throws IOException {
            long have = resumable(part, tag);
            kept = kept < 0 ? have : Math.min(kept, have);
            DownloadBody body = fetch(token, mediaId, part, tag, have, progress);
            if (body instanceof DownloadBody.Written written) {
                kept = Math.min(kept, written.start());
                return finish(mediaId, part, tag, target, written, kept, progress);
            }
            DownloadBody.Refused refused = (DownloadBody.Refused) body;
            if (refused.status() == 416 && have > 0 && refused.completeAt() == have) {
                var whole = new DownloadBody.Written(readTag(tag), have, have);
                return finish(mediaId, part, tag, target, whole, kept, progress);
            }
            if ((refused.status() == 416 || refused.status() == 206) && have > 0 && !restarted) {
                restarted = true;
                discard(part, tag);
                return null;
            }
            throw refusal(refused, mediaId);
        }
    }

    /** A refusal as an exception: the server's error, or a 2xx that could not be used. */
    private RuntimeException refusal(DownloadBody.Refused refused, String mediaId) {
        String what = "GET /v1/media/" + mediaId;
        return refused.status() < 400 ? new UncheckedIOException(new IOException(what + ": " + refused.body()))
                : http.error(refused.status(), refused.body(), what);
    }

    private DownloadBody fetch(String token, String id, Path part, Path tag, long have, Progress progress)
            throws IOException {
        HttpRequest.Builder request = http.request("/v1/media/" + id, token).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-").header("If-Range", readTag(tag));
        }
        AtomicLong length = new AtomicLong(have);
        DownloadBody.Handler handler = new DownloadBody.Handler(part, tag, have, progress, length);
        return Exchanges.exchange(http.client(), request.build(), handler, length::get, stall).body();
    }

    /**
     * Checks the finished {@code .part} and moves it into place. A short file is an IOException (the transfer is
     * retried); a disk failure is an {@link UncheckedIOException} (it is not).
     */
    private DownloadResult finish(String id, Path part, Path tag, Path target, DownloadBody.Written written, long kept,
                                  Progress progress) throws IOException {
        long size = Uploader.io(() -> Files.size(part), part);
        if (written.total() >= 0 && size < written.total()) {
            throw new IOException("the download of media " + id + " ended at " + size + " of " + written.total() + " bytes");
        }
        String expected = DownloadBody.sha256Of(written.etag());
        String actual = Uploader.io(() -> Sha256.of(part), part);
        if (!actual.equalsIgnoreCase(expected)) {
            Uploader.io(() -> {
                discard(part, tag);
                return null;
            }, part);
            throw new MediaChecksumException(id, expected, actual);
        }
        try {
            move(part, target);
            Files.deleteIfExists(tag);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the download to " + target + ": " + e.getMessage(), e);
        }
        progress.total(size);
        progress.finish();
        return new DownloadResult(target, size, actual, kept);
    }

    private static void move(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The length of a {@code .part} that can be resumed (its ETag is known), else 0 after removing the leftovers. */
    private static long resumable(Path part, Path tag) {
        try {
            if (Files.isRegularFile(part) && Files.isRegularFile(tag) && Files.size(part) > 0) {
                return Files.size(part);
            }
            discard(part, tag);
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use " + part + ": " + e.getMessage(), e);
        }
    }

    private static String readTag(Path tag) throws IOException {
        return Files.readString(tag, StandardCharsets.UTF_8).strip();
    }

    private static void discard(Path part, Path tag) throws IOException {
        Files.deleteIfExists(part);
        Files.deleteIfExists(tag);
    }

    static Path sibling(Path target, String suffix) {
        return target.resolveSibling(target.getFileName() + suffix);
    }
}
