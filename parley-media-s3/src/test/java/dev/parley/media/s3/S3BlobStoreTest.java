package dev.parley.media.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.port.BlobStore;
import dev.parley.core.port.BlobStore.Stored;
import dev.parley.media.s3.S3BlobStore.Config;
import dev.parley.testkit.media.BlobStoreContract;
import dev.parley.testkit.media.PseudoRandomStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link S3BlobStore} passes the contract against an in-process s3proxy (filesystem-backed, so the 64 MiB test does
 * not land in the heap) on a free loopback port, started once for the class; each test gets a fresh bucket.
 */
class S3BlobStoreTest extends BlobStoreContract {
    private static final String IDENTITY = "parley-test";
    private static final String CREDENTIAL = "parley-test-secret";
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    @TempDir
    static Path s3proxyData;
    private static S3Proxy s3proxy;
    private static URI endpoint;
    private static S3Client admin;

    @TempDir
    Path temp;
    private String bucket;

    @BeforeAll
    static void startS3Proxy() throws Exception {
        s3proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(s3proxyData.toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, IDENTITY, CREDENTIAL)
                .build();
        s3proxy.start();
        endpoint = URI.create("http://127.0.0.1:" + s3proxy.getPort());
        admin = S3Support.newClient(config("unused"));
    }

    @AfterAll
    static void stopS3Proxy() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (s3proxy != null) {
            s3proxy.stop();
        }
    }

    @Override
    protected BlobStore newStore() {
        bucket = "parley-media-" + BUCKETS.incrementAndGet();
        admin.createBucket(c -> c.bucket(bucket));
        return S3BlobStore.open(new Config(endpoint, "us-east-1", bucket, IDENTITY, CREDENTIAL, temp));
    }

    private static Config config(String bucket) {
        return new Config(endpoint, "us-east-1", bucket, IDENTITY, CREDENTIAL, null);
    }

    @Test
    void objectsFollowTheDocumentedLayout() throws IOException {
        String upload = uploadId();
        store.append(upload, 0, new ByteArrayInputStream(new byte[3]), 100);
        store.append(upload, 3, new ByteArrayInputStream(new byte[4]), 100);

        assertThat(objects()).containsExactly(
                "staging/" + upload + "/0000000000", "staging/" + upload + "/0000000001");

        String key = key();
        store.finish(upload, key);

        assertThat(objects()).containsExactly("blobs/" + key);
    }

    @Test
    void aBlobOverOnePartIsWrittenAsAMultipartUploadOfPartSizedParts() throws IOException {
        long size = 2L * S3BlobStore.PART_SIZE + 1;
        String upload = uploadId();
        store.append(upload, 0, new PseudoRandomStream(7, size), size);
        String large = key();
        String small = key();

        Stored stored = store.finish(upload, large);
        String smallUpload = uploadId();
        store.append(smallUpload, 0, new ByteArrayInputStream(new byte[S3BlobStore.PART_SIZE]), Long.MAX_VALUE);
        store.finish(smallUpload, small);

        assertThat(stored.size()).isEqualTo(size);
        assertThat(eTag(large)).as("multipart ETag: <md5 of part md5s>-<parts>").endsWith("-3\"");
        assertThat(eTag(small)).as("single PutObject").doesNotContain("-");
        assertThat(objects()).containsExactlyInAnyOrder("blobs/" + large, "blobs/" + small);
    }

    @Test
    void tempFilesAreRemoved() throws IOException {
        String upload = uploadId();
        store.append(upload, 0, new ByteArrayInputStream(new byte[10]), 100);
        assertThatThrownBy(() -> store.append(upload, 10, new ByteArrayInputStream(new byte[200]), 100))
                .isInstanceOf(IllegalStateException.class);
        store.finish(upload, key());

        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void namesOutsideTheAllowedAlphabetAreRefused() {
        for (String bad : List.of("", "../x", "a/b", "a.b", "x".repeat(129))) {
            assertThatThrownBy(() -> store.stagedSize(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.size(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.finish(uploadId(), bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void openFailsFastNamingAMissingBucket() {
        assertThatThrownBy(() -> S3BlobStore.open(config("no-such-bucket")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'no-such-bucket'")
                .hasMessageContaining(endpoint.toString());
    }

    @Test
    void theConfigDoesNotPrintTheSecret() {
        assertThat(config("b").toString()).contains(IDENTITY).doesNotContain(CREDENTIAL);
    }

    private String eTag(String key) {
        return admin.headObject(h -> h.bucket(bucket).key("blobs/" + key)).eTag();
    }

    private List<String> objects() {
        return admin.listObjectsV2Paginator(l -> l.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }
}
