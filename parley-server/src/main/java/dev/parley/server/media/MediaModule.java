package dev.parley.server.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.media.MediaLinks;
import dev.parley.core.media.MediaService;
import dev.parley.core.media.UploadService;
import dev.parley.core.port.BlobStore;
import dev.parley.core.port.MediaStore;
import dev.parley.core.service.AccountService;
import dev.parley.core.service.RateLimiter;
import dev.parley.core.service.Tokens;
import dev.parley.media.s3.S3BlobStore;
import dev.parley.server.MediaConfig;
import dev.parley.server.http.RouteTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Media, assembled: the blob store chosen by {@code parley.media.backend} (files under {@code <data-dir>/media}, or
 * S3), the type probe, the upload and media services, their HTTP endpoints, and the periodic garbage collection.
 */
public final class MediaModule implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MediaModule.class);
    private static final int SWEEP_BATCH = 500;

    private final BlobStore blobs;
    private final UploadService uploads;
    private final MediaService media;
    private final MediaApi api;
    private final MediaEndpoints endpoints;
    private final RateLimiter announceLimiter;
    private final LazyMediaProbe probe = new LazyMediaProbe(TikaMediaProbe::new);

    private MediaModule(BlobStore blobs, MediaConfig config, MediaStore store, AccountService accounts,
                        ObjectMapper mapper, ExecutorService workers, Duration idleTimeout, SecureRandom random,
                        Clock clock) {
        this.blobs = blobs;
        this.uploads = new UploadService(store, blobs, probe, config.policy(), new Tokens(random), clock);
        this.media = new MediaService(store, blobs, probe, config.policy(), clock);
        MediaLinks links = new MediaLinks(secret(config, random), config.policy().linkTtl(), clock);
        this.announceLimiter = new RateLimiter(clock, config.uploadsPerMinute() / 60.0, config.uploadBurst());
        MediaResponses responses = new MediaResponses(mapper);
        this.api = new MediaApi(uploads, media, links, announceLimiter, mapper);
        this.endpoints = new MediaEndpoints(accounts, uploads, media, links, responses,
                new MediaDownloads(media, responses, idleTimeout), workers);
    }

    public static MediaModule open(MediaConfig config, Path dataDir, MediaStore store, AccountService accounts,
                                   ObjectMapper mapper, ExecutorService workers, Duration idleTimeout,
                                   SecureRandom random, Clock clock) {
        return new MediaModule(blobStore(config, dataDir), config, store, accounts, mapper, workers, idleTimeout,
                random, clock);
    }

    private static BlobStore blobStore(MediaConfig config, Path dataDir) {
        if (config.backend().equals("s3")) {
            MediaConfig.S3 s3 = config.s3();
            return S3BlobStore.open(new S3BlobStore.Config(s3.endpointUri(), s3.region(), s3.bucket(),
                    blankToNull(s3.accessKey()), blankToNull(s3.secretKey()), null));
        }
        try {
            return new FileSystemBlobStore(dataDir.resolve("media"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the media directory under " + dataDir, e);
        }
    }

    private static byte[] secret(MediaConfig config, SecureRandom random) {
        if (!config.linkSecret().isEmpty()) {
            return config.linkSecret().getBytes(StandardCharsets.UTF_8);
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return secret;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Loads the media type detector ahead of the first upload (it is made on first use otherwise). */
    public void prepare() {
        probe.prepare();
    }

    public void register(RouteTable routes) {
        api.register(routes);
    }

    /** A handler for one new connection (it holds that connection's upload state). */
    public MediaHttpHandler newHandler() {
        return new MediaHttpHandler(endpoints);
    }

    /** Sweeps abandoned uploads and collects unreferenced media; safe to run on any node at any time. */
    public void collect() {
        try {
            int uploadsSwept = uploads.sweepExpired(SWEEP_BATCH);
            int contents = media.collectGarbage();
            announceLimiter.evictIdle();
            if (uploadsSwept > 0 || contents > 0) {
                log.atInfo().addKeyValue("abandonedUploads", uploadsSwept).addKeyValue("deletedContents", contents)
                        .log("media collected");
            }
        } catch (IOException | RuntimeException e) {
            log.atWarn().setCause(e).log("media collection failed; it runs again at the next interval");
        }
    }

    @Override
    public void close() {
        if (blobs instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.atWarn().setCause(e).log("closing the blob store failed");
            }
        }
    }
}
