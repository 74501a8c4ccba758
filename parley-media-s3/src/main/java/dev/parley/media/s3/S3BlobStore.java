package dev.parley.media.s3;

import dev.parley.core.port.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link BlobStore} on S3-compatible object storage (cluster mode), path-style addressing, one bucket. Key layout:
 * <pre>
 * staging/&lt;uploadId&gt;/&lt;part&gt;   one object per append; &lt;part&gt; is the append's number, 0-based, 10 digits
 *                               zero-padded so that listing order is append order
 * blobs/&lt;key&gt;                  finished blobs
 * </pre>
 * Keys and upload ids must match {@code [A-Za-z0-9_-]{1,128}}.
 *
 * <p><b>Staging.</b> An append first copies its content to a temp file (at most {@code maxBytes} minus the staged
 * size, so the limit is checked before anything is sent and one append's chunk is the most ever buffered; never in
 * memory), then writes it as the next part object with a known length. A part is durable once S3 acknowledges it,
 * so the staged size — the sum of the part sizes, from a listing of {@code staging/<uploadId>/} — only ever counts
 * durable bytes. If the content stream fails, the bytes already read are still written as a part before the failure
 * is rethrown, so the client resumes from there. Each append lists the prefix, so an upload made of very many small
 * appends costs O(parts²) listing entries; clients should append in chunks of a MiB or more.
 *
 * <p><b>Finish.</b> The parts are read in order through a SHA-256 digest into a temp spool file. A blob of at most
 * {@link #PART_SIZE} bytes is written with one {@code PutObject} from the spool; a larger one becomes a multipart
 * upload whose parts are the spool's contents each time the next read would take it past {@link #PART_SIZE} (so
 * every part but the last holds more than {@code PART_SIZE} - 64 KiB: S3 needs ≥ 5 MiB), aborted if anything fails.
 * Staged parts are at most one append each and usually far smaller than S3's 5 MiB minimum, which is why they are
 * re-read and re-uploaded rather than assembled server-side with UploadPartCopy (the SHA-256 needs the bytes anyway). Then the staged parts are deleted. If {@code blobs/<key>} already
 * exists the staged parts are deleted and the existing blob is described (its SHA-256 computed by streaming it), so
 * retrying a finish whose answer was lost returns the same result. Two finishes racing onto one new key both write
 * and the last one wins — harmless, as one key always names the same bytes. {@link #delete} checks existence with a
 * {@code HeadObject} first, since S3's delete does not say whether there was anything to delete.
 *
 * <p>SDK failures are rethrown as {@link IOException}s naming the operation, bucket and object.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {
    /** Spool size of a finish: blobs up to this size take one PutObject, larger ones multipart parts of it. */
    public static final int PART_SIZE = 8 * 1024 * 1024;

    private static final String STAGING = "staging/";
    private static final String BLOBS = "blobs/";
    private static final int BUFFER = 64 * 1024;
    private static final int DELETE_BATCH = 1000;

    /**
     * Where the store lives. {@code endpoint} may be null for AWS itself; null credentials use the SDK's default
     * chain (environment, profile, instance role); a null {@code tempDir} is {@code java.io.tmpdir}.
     */
    public record Config(URI endpoint, String region, String bucket, String accessKey, String secretKey,
                         Path tempDir) {
        public Config {
            if (region == null || region.isBlank()) {
                throw new IllegalArgumentException("the S3 region is required (e.g. us-east-1 for s3proxy or MinIO)");
            }
            if (bucket == null || bucket.isBlank()) {
                throw new IllegalArgumentException("the S3 bucket is required");
            }
            if ((accessKey == null) != (secretKey == null)) {
                throw new IllegalArgumentException("the S3 access key and secret key go together: give both or none");
            }
        }

        @Override
        public String toString() {
            return "Config[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", accessKey="
                    + accessKey + ", secretKey=" + (secretKey == null ? null : "***") + ", tempDir=" + tempDir + "]";
        }
    }

    private final S3Client s3;
    private final String bucket;
    private final Path tempDir;

    /** A store on {@code bucket} through {@code s3}, which it closes on {@link #close()}. */
    public S3BlobStore(S3Client s3, String bucket, Path tempDir) {
        this.s3 = s3;
        this.bucket = bucket;
        this.tempDir = tempDir != null ? tempDir : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** Connects to the configured bucket and fails fast, naming it and the endpoint, if it cannot be reached. */
    public static S3BlobStore open(Config config) {
        S3Client client = S3Support.newClient(config);
        try {
            client.headBucket(b -> b.bucket(config.bucket()));
        } catch (SdkException e) {
            client.close();
            throw new IllegalStateException("S3 bucket '" + config.bucket() + "' at "
                    + (config.endpoint() == null ? "AWS region " + config.region() : config.endpoint())
                    + " is not reachable: " + e.getMessage(), e);
        }
        return new S3BlobStore(client, config.bucket(), config.tempDir());
    }

    // ---- staging

    @Override
    public long append(String uploadId, long offset, InputStream content, long maxBytes) throws IOException {
        List<S3Object> parts = parts(uploadId);
        long size = sum(parts);
        if (offset != size) {
            throw new IllegalArgumentException("upload " + uploadId + " has " + size + " bytes staged: cannot append at "
                    + offset);
        }
        Path chunk = Files.createTempFile(tempDir, "parley-s3-append-", ".tmp");
        try {
            Copied copied = copyToFile(content, chunk, maxBytes - size);
            if (copied.overLimit()) {
                throw new IllegalStateException("upload " + uploadId + " would pass its limit of " + maxBytes
                        + " bytes (" + size + " staged before this append)");
            }
            if (copied.bytes() > 0) {
                String part = partKey(uploadId, parts.isEmpty() ? 0 : partNumber(parts.getLast()) + 1);
                call("PutObject", part, () -> s3.putObject(p -> p.bucket(bucket).key(part), RequestBody.fromFile(chunk)));
            }
            if (copied.failure() != null) {
                throw copied.failure();
            }
            return size + copied.bytes();
        } finally {
            Files.deleteIfExists(chunk);
        }
    }

    /** What an append read: its byte count, whether it went over the limit, and the content's failure if any. */
    private record Copied(long bytes, boolean overLimit, IOException failure) {
    }

    /** Copies at most {@code limit} bytes (one more marks a breach) to {@code file}, keeping what a failure left. */
    private static Copied copyToFile(InputStream content, Path file, long limit) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long bytes = 0;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            while (true) {
                int n;
                try {
                    n = content.read(buffer);
                } catch (IOException contentFailed) {
                    return new Copied(bytes, false, contentFailed);
                }
                if (n < 0) {
                    return new Copied(bytes, false, null);
                }
                if (bytes + n > limit) {
                    return new Copied(bytes, true, null);
                }
                S3Support.writeFully(out, buffer, n);
                bytes += n;
            }
        }
    }

    @Override
    public long stagedSize(String uploadId) throws IOException {
        return sum(parts(uploadId));
    }

    @Override
    public void abort(String uploadId) throws IOException {
        deleteAll(parts(uploadId));
    }

    /** The part objects of an upload, in append order. */
    private List<S3Object> parts(String uploadId) throws IOException {
        String prefix = STAGING + S3Support.validName("upload id", uploadId) + "/";
        return call("ListObjectsV2", prefix, () -> s3.listObjectsV2Paginator(l -> l.bucket(bucket).prefix(prefix))
                .contents().stream().toList());
    }

    private static String partKey(String uploadId, long number) {
        return STAGING + uploadId + "/" + String.format("%010d", number);
    }

    private static long partNumber(S3Object part) {
        String key = part.key();
        return Long.parseLong(key.substring(key.lastIndexOf('/') + 1));
    }

    private static long sum(List<S3Object> parts) {
        return parts.stream().mapToLong(S3Object::size).sum();
    }

    private void deleteAll(List<S3Object> objects) throws IOException {
        for (int from = 0; from < objects.size(); from += DELETE_BATCH) {
            List<ObjectIdentifier> batch = objects.subList(from, Math.min(objects.size(), from + DELETE_BATCH))
                    .stream().map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList();
            String first = batch.getFirst().key();
            call("DeleteObjects", first, () -> s3.deleteObjects(d -> d.bucket(bucket)
                    .delete(Delete.builder().objects(batch).quiet(true).build())));
        }
    }

    // ---- finish

    @Override
    public Stored finish(String uploadId, String key) throws IOException {
        String blob = blobKey(key);
        List<S3Object> parts = parts(uploadId);
        if (head(blob).isPresent()) {
            deleteAll(parts);
            return describe(key, blob);
        }
        if (sum(parts) == 0) {
            throw new IllegalStateException("upload " + uploadId + " has nothing staged: cannot finish it as " + key);
        }
        Stored stored = assemble(key, blob, parts);
        deleteAll(parts);
        return stored;
    }

    /** Streams the parts through SHA-256 into {@code blob}: one PutObject, or a multipart upload when large. */
    private Stored assemble(String key, String blob, List<S3Object> parts) throws IOException {
        MessageDigest digest = S3Support.sha256();
        Path spoolFile = Files.createTempFile(tempDir, "parley-s3-finish-", ".tmp");
        long size = 0;
        try (FileChannel spool = FileChannel.open(spoolFile, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            S3Multipart multipart = new S3Multipart(s3, bucket, blob, this::call);
            try {
                byte[] buffer = new byte[BUFFER];
                for (S3Object part : parts) {
                    try (InputStream in = call("GetObject", part.key(),
                            () -> s3.getObject(g -> g.bucket(bucket).key(part.key())))) {
                        for (int n; (n = in.read(buffer)) >= 0; ) {
                            if (spool.size() + n > PART_SIZE) {
                                multipart.upload(spool, spoolFile);
                            }
                            digest.update(buffer, 0, n);
                            S3Support.writeFully(spool, buffer, n);
                            size += n;
                        }
                    }
                }
                if (multipart.started()) {
                    if (spool.size() > 0) {
                        multipart.upload(spool, spoolFile);
                    }
                    multipart.complete();
                } else {
                    call("PutObject", blob, () -> s3.putObject(p -> p.bucket(bucket).key(blob),
                            RequestBody.fromFile(spoolFile)));
                }
            } catch (IOException | RuntimeException e) {
                multipart.abort(e);
                throw e;
            }
        } finally {
            Files.deleteIfExists(spoolFile);
        }
        return new Stored(key, size, HexFormat.of().formatHex(digest.digest()));
    }

    /** The size and SHA-256 of an existing blob, streamed. */
    private Stored describe(String key, String blob) throws IOException {
        MessageDigest digest = S3Support.sha256();
        long size = 0;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = call("GetObject", blob, () -> s3.getObject(g -> g.bucket(bucket).key(blob)))) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
                size += n;
            }
        }
        return new Stored(key, size, HexFormat.of().formatHex(digest.digest()));
    }

    // ---- blobs

    @Override
    public InputStream read(String key, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("cannot read blob " + key + " at offset " + offset + " length "
                    + length);
        }
        String blob = blobKey(key);
        if (length == 0) {
            head(blob).orElseThrow(() -> missing(key, blob));
            return InputStream.nullInputStream();
        }
        String last = length > Long.MAX_VALUE - offset ? "" : Long.toString(offset + length - 1);
        try {
            return s3.getObject(g -> g.bucket(bucket).key(blob).range("bytes=" + offset + "-" + last));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw missing(key, blob);
            }
            if (e.statusCode() == 416) {
                return InputStream.nullInputStream();
            }
            throw failed("GetObject", blob, e);
        } catch (SdkException e) {
            throw failed("GetObject", blob, e);
        }
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        return head(blobKey(key));
    }

    @Override
    public boolean delete(String key) throws IOException {
        String blob = blobKey(key);
        if (head(blob).isEmpty()) {
            return false;
        }
        call("DeleteObject", blob, () -> s3.deleteObject(d -> d.bucket(bucket).key(blob)));
        return true;
    }

    /** The size of an object, empty when there is none. */
    private Optional<Long> head(String object) throws IOException {
        try {
            return Optional.of(s3.headObject(h -> h.bucket(bucket).key(object)).contentLength());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failed("HeadObject", object, e);
        } catch (SdkException e) {
            throw failed("HeadObject", object, e);
        }
    }

    private static String blobKey(String key) {
        return BLOBS + S3Support.validName("key", key);
    }

    private NoSuchFileException missing(String key, String blob) {
        return new NoSuchFileException("s3://" + bucket + "/" + blob, null, "no blob with key " + key);
    }

    @Override
    public void close() {
        s3.close();
    }

    // ---- plumbing

    /** An SDK call whose failures become IOExceptions naming the operation and object. */
    interface Call<T> {
        T run() throws IOException;
    }

    /** Runs an SDK call, turning its failure into an IOException naming the operation and the object. */
    interface Caller {
        <T> T call(String operation, String object, Call<T> call) throws IOException;
    }

    private <T> T call(String operation, String object, Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (SdkException e) {
            throw failed(operation, object, e);
        }
    }

    private IOException failed(String operation, String object, SdkException e) {
        return new IOException("S3 " + operation + " of s3://" + bucket + "/" + object + " failed: " + e.getMessage(),
                e);
    }
}
