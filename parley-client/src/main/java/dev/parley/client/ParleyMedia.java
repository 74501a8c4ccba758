package dev.parley.client;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Views;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Media over HTTP (docs/protocol.md §13): resumable, deduplicated uploads and verified, resumable downloads, media
 * info, thumbnails and signed links. Get one from {@link ParleyHttp#media()}; thread-safe, every call blocks its thread
 * until done. Calls throw {@link ParleyApiException} when the server refuses (with the media codes
 * {@link ErrorCode#MEDIA_TOO_LARGE}, {@link ErrorCode#MEDIA_TYPE_NOT_ALLOWED}, {@link ErrorCode#MEDIA_TYPE_MISMATCH},
 * {@link ErrorCode#NOT_FOUND} …) and {@link UncheckedIOException} when the network fails for good or a file cannot be
 * read or written.
 *
 * <p>Transfers have no overall deadline (a large file takes as long as it takes) but fail when nothing moves for the
 * stall timeout (the {@link ParleyHttp}'s timeout). A failed attempt (network error, stall, HTTP 5xx) is retried after a
 * backoff, continuing where the server (upload) or the {@code .part} file (download) is; a bounded number of attempts in
 * a row may fail (progress forgives them).
 */
public final class ParleyMedia {
    static final int ATTEMPTS = 5;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final ParleyHttp http;
    private final Uploader uploader;
    private final Downloader downloader;

    ParleyMedia(ParleyHttp http) {
        this(http, ATTEMPTS, Duration.ofMillis(200), Duration.ofSeconds(5), http.timeout());
    }

    /**
     * @param attempts how many attempts of one transfer may fail in a row
     * @param stall    how long a transfer may stand still before it counts as failed
     */
    ParleyMedia(ParleyHttp http, int attempts, Duration backoffMin, Duration backoffMax, Duration stall) {
        this.http = Objects.requireNonNull(http, "http");
        java.util.function.Supplier<Retries> retries = () -> new Retries(attempts, backoffMin, backoffMax);
        retries.get(); // checks the settings now rather than at the first transfer
        this.uploader = new Uploader(http, retries, stall);
        this.downloader = new Downloader(http, retries, stall);
    }

    /**
     * Uploads a file and returns its media. Reads the file once to compute its SHA-256 and announces it
     * ({@code POST /v1/uploads}); when the server already has these bytes it answers with a media at once
     * ({@link UploadResult#deduplicated()}, progress jumps to the total). Otherwise the bytes are streamed from the
     * file (never held in memory) with tus {@code PATCH}es; after a network failure, a stall or a 5xx the server's
     * offset is asked ({@code HEAD}) and the upload continues from there. The file must not change meanwhile.
     *
     * @param request  the declared type, file name and a video's size and duration ({@link UploadRequest#DEFAULTS}:
     *                 type guessed from the name by {@link MediaTypes#guess})
     * @param progress hears the bytes handed to the network, and the upload id ({@link ProgressListener#uploadCreated})
     *                 to resume after a restart; may be null
     * @throws IllegalArgumentException when the file is empty
     * @throws IllegalStateException    when the file changed during the upload
     */
    public UploadResult upload(String token, Path file, UploadRequest request, ProgressListener progress) {
        return uploader.upload(token, file, request, progress);
    }

    /**
     * Continues an upload that an earlier process started (its id came to {@link ProgressListener#uploadCreated}):
     * asks the server's offset and sends the rest of {@code file}, which must be the same file. If the upload had
     * already finished, returns its media; {@code not_found} when it expired, was cancelled or is someone else's.
     *
     * @throws IllegalArgumentException when the file's size is not the upload's
     */
    public UploadResult resumeUpload(String token, String uploadId, Path file, ProgressListener progress) {
        return uploader.resume(token, id(uploadId, "uploadId"), file, progress);
    }

    /** Abandons an upload ({@code DELETE /v1/uploads/{id}}): the server discards the bytes it staged. */
    public void cancelUpload(String token, String uploadId) {
        http.call("DELETE", "/v1/uploads/" + id(uploadId, "uploadId"), token, null, Void.class);
    }

    /**
     * Downloads media into {@code target}. The bytes go to {@code <target>.part} first; when such a file is left from
     * an interrupted download of the same content, only the rest is asked for ({@code Range} with {@code If-Range}:
     * the server sends everything again if the content is another). The finished file's SHA-256 is checked against
     * the server's ETag, then the file is moved to {@code target} atomically (replacing what is there).
     *
     * @throws MediaChecksumException   when the bytes are not the media's (the {@code .part} is deleted)
     * @throws IllegalArgumentException when {@code target}'s directory does not exist
     */
    public DownloadResult download(String token, String mediaId, Path target, ProgressListener progress) {
        return downloader.download(token, mediaId, target, progress);
    }

    /** The media's description ({@code GET /v1/media/{id}/info}); {@code not_found} when I may not read it. */
    public Views.Media mediaInfo(String token, String mediaId) {
        return http.call("GET", "/v1/media/" + id(mediaId, "mediaId") + "/info", token, null, Uploader.Envelope.class)
                .media();
    }

    /** The media's small JPEG thumbnail ({@code GET /v1/media/{id}/thumbnail}); {@code not_found} when it has none. */
    public byte[] thumbnail(String token, String mediaId) {
        String path = "/v1/media/" + id(mediaId, "mediaId") + "/thumbnail";
        try {
            HttpResponse<byte[]> response = Exchanges.exchange(http.client(), http.request(path, token).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray(), () -> 0, http.timeout());
            if (response.statusCode() >= 400) {
                throw http.error(response.statusCode(), new String(response.body(), java.nio.charset.StandardCharsets.UTF_8),
                        "GET " + path);
            }
            return response.body();
        } catch (InterruptedIOException e) {
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the server for GET " + path + ": " + e, e);
        }
    }

    /** A link to the media valid for an hour without a token ({@code POST /v1/media/{id}/link}), as an absolute URL. */
    public MediaLink mediaLink(String token, String mediaId) {
        record Link(String url, long expiresAt) {
        }
        Link link = http.call("POST", "/v1/media/" + id(mediaId, "mediaId") + "/link", token, null, Link.class);
        return new MediaLink(http.request(link.url(), null).build().uri(), link.expiresAt());
    }

    /** Checks that {@code value} can be a media or upload id (URL-safe base64 characters), and returns it. */
    static String id(String value, String field) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be 1–128 characters of A-Z a-z 0-9 _ -, got "
                    + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }
}
