package dev.parley.client;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What became of a download response's body; the {@link Handler} decides from the status and headers. */
sealed interface DownloadBody {

    /** Written to the {@code .part} from {@code start}; the whole content is {@code total} bytes (-1: unknown). */
    record Written(String etag, long start, long total) implements DownloadBody {
    }

    /**
     * Not written: an error answer ({@code body} is its text), a 206 for another range than asked (status 206), or
     * content without an ETag to verify it against (status 200/206, body explains). {@code completeAt} is the size a
     * 416's {@code Content-Range: bytes *}{@code /size} names, else -1.
     */
    record Refused(int status, String body, long completeAt) implements DownloadBody {
    }

    Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    Pattern UNSATISFIED = Pattern.compile("bytes \\*/(\\d+)");

    /** The SHA-256 an ETag names: {@code "<hex>"}, possibly weak ({@code W/"<hex>"}). */
    static String sha256Of(String etag) {
        String tag = etag.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        return tag.replace("\"", "").toLowerCase(Locale.ROOT);
    }

    /**
     * Streams a 200 into the {@code .part} from scratch (recording the ETag in the tag file first) and a 206 that
     * starts where the {@code .part} ends onto its end; reads anything else as text. Reports the {@code .part}'s
     * length to {@code length} and {@code progress}.
     */
    record Handler(Path part, Path tag, long have, Progress progress, AtomicLong length)
            implements HttpResponse.BodyHandler<DownloadBody> {

        @Override
        public HttpResponse.BodySubscriber<DownloadBody> apply(HttpResponse.ResponseInfo info) {
            int status = info.statusCode();
            String etag = info.headers().firstValue("ETag").orElse(null);
            if ((status == 200 || status == 206) && etag == null) {
                return refused(status, "the server sent the media without an ETag: the download cannot be verified");
            }
            if (status == 200) {
                progress.total(info.headers().firstValueAsLong("Content-Length").orElse(-1));
                return write(0, etag, info.headers().firstValueAsLong("Content-Length").orElse(-1),
                        () -> Files.writeString(tag, etag + "\n", StandardCharsets.UTF_8));
            }
            if (status == 206) {
                Matcher range = CONTENT_RANGE.matcher(info.headers().firstValue("Content-Range").orElse(""));
                if (!range.matches() || Long.parseLong(range.group(1)) != have) {
                    return refused(206, "the server sent another range than bytes=" + have + "-");
                }
                long total = range.group(3).equals("*") ? -1 : Long.parseLong(range.group(3));
                progress.total(total);
                return write(have, etag, total, () -> { });
            }
            return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8),
                    body -> new Refused(status, body, completeAt(info.headers())));
        }

        private HttpResponse.BodySubscriber<DownloadBody> write(long start, String etag, long total, FileSink.Setup setup) {
            FileSink sink = new FileSink(part, start, setup, written -> {
                length.set(written);
                progress.at(written);
            });
            return HttpResponse.BodySubscribers.mapping(sink, n -> new Written(etag, start, total));
        }

        private static HttpResponse.BodySubscriber<DownloadBody> refused(int status, String why) {
            return HttpResponse.BodySubscribers.replacing(new Refused(status, why, -1));
        }

        private static long completeAt(HttpHeaders headers) {
            Matcher m = UNSATISFIED.matcher(headers.firstValue("Content-Range").orElse(""));
            return m.matches() ? Long.parseLong(m.group(1)) : -1;
        }
    }
}
