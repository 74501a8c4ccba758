package dev.parley.testkit.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.parley.testkit.media.BlobBytes.assertSameBytes;
import static dev.parley.testkit.media.BlobBytes.heapInUseAfterGc;
import static dev.parley.testkit.media.BlobBytes.sha256;

import dev.parley.core.port.BlobStore;
import dev.parley.core.port.BlobStore.Stored;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link BlobStore}: staged, resumable appends with a strict offset and a size limit; finish moves
 * the staged bytes to a write-once key and reports their SHA-256; ranged reads; everything streamed (a 64 MiB blob
 * goes through append, finish and read while the heap is watched). Each test gets a fresh, empty store from
 * {@link #newStore()}; a store that is {@link AutoCloseable} is closed after the test.
 *
 * <p>Beyond the port's Javadoc, two behaviours are pinned here so that both adapters agree: finishing an upload with
 * nothing staged throws {@link IllegalStateException}, and reading a missing blob throws {@link NoSuchFileException}.
 */
public abstract class BlobStoreContract {
    private static final long NO_LIMIT = Long.MAX_VALUE;
    private static final int MIB = 1024 * 1024;

    private final Random random = new Random(20260101);
    protected BlobStore store;

    /** A new, empty store. */
    protected abstract BlobStore newStore() throws Exception;

    @BeforeEach
    final void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    final void closeStore() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    // ---- append / stagedSize

    @Test
    void appendsResumeAtTheReturnedSize() throws IOException {
        String upload = uploadId();
        byte[] all = bytes(3000);

        long size = store.append(upload, 0, slice(all, 0, 1000), NO_LIMIT);
        assertThat(size).isEqualTo(1000);
        assertThat(store.stagedSize(upload)).isEqualTo(1000);
        size = store.append(upload, size, slice(all, 1000, 2500), NO_LIMIT);
        assertThat(size).isEqualTo(2500);
        size = store.append(upload, size, slice(all, 2500, 3000), NO_LIMIT);
        assertThat(size).isEqualTo(3000);
        assertThat(store.stagedSize(upload)).isEqualTo(3000);

        String key = key();
        assertThat(store.finish(upload, key).size()).isEqualTo(3000);
        assertThat(readAll(key)).isEqualTo(all);
    }

    @Test
    void uploadsAreStagedIndependently() throws IOException {
        String first = uploadId();
        String second = uploadId();
        byte[] a = bytes(700);
        byte[] b = bytes(500);

        store.append(first, 0, slice(a, 0, 300), NO_LIMIT);
        store.append(second, 0, slice(b, 0, 200), NO_LIMIT);
        store.append(first, 300, slice(a, 300, 700), NO_LIMIT);
        store.append(second, 200, slice(b, 200, 500), NO_LIMIT);

        assertThat(store.stagedSize(first)).isEqualTo(700);
        assertThat(store.stagedSize(second)).isEqualTo(500);
        String keyA = key();
        String keyB = key();
        store.finish(first, keyA);
        assertThat(store.stagedSize(second)).as("the other upload is untouched").isEqualTo(500);
        store.finish(second, keyB);
        assertThat(readAll(keyA)).isEqualTo(a);
        assertThat(readAll(keyB)).isEqualTo(b);
    }

    @Test
    void anEmptyAppendChangesNothing() throws IOException {
        String upload = uploadId();
        assertThat(store.append(upload, 0, InputStream.nullInputStream(), NO_LIMIT)).isZero();
        store.append(upload, 0, new ByteArrayInputStream(bytes(10)), NO_LIMIT);

        assertThat(store.append(upload, 10, InputStream.nullInputStream(), NO_LIMIT)).isEqualTo(10);
        assertThat(store.stagedSize(upload)).isEqualTo(10);
    }

    @Test
    void aWrongOffsetIsRefusedAndChangesNothing() throws IOException {
        String upload = uploadId();
        byte[] staged = bytes(10);
        store.append(upload, 0, new ByteArrayInputStream(staged), NO_LIMIT);

        for (long offset : new long[] {0, 5, 9, 11, 1000, -1}) {
            assertThatThrownBy(() -> store.append(upload, offset, new ByteArrayInputStream(bytes(4)), NO_LIMIT))
                    .as("offset %d with 10 bytes staged", offset)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(store.stagedSize(upload)).isEqualTo(10);

        String unknown = uploadId();
        assertThatThrownBy(() -> store.append(unknown, 3, new ByteArrayInputStream(bytes(4)), NO_LIMIT))
                .as("a new upload starts at 0")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.stagedSize(unknown)).isZero();

        String key = key();
        store.finish(upload, key);
        assertThat(readAll(key)).isEqualTo(staged);
    }

    @Test
    void passingMaxBytesIsRefusedAndKeepsTheStagedBytes() throws IOException {
        String upload = uploadId();
        byte[] all = bytes(20);

        assertThatThrownBy(() -> store.append(upload, 0, new ByteArrayInputStream(bytes(21)), 20))
                .as("a first append over the limit")
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.stagedSize(upload)).isZero();

        store.append(upload, 0, slice(all, 0, 10), 20);
        assertThatThrownBy(() -> store.append(upload, 10, new ByteArrayInputStream(bytes(11)), 20))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.stagedSize(upload)).as("staged size after the refused append").isEqualTo(10);

        assertThat(store.append(upload, 10, slice(all, 10, 20), 20)).as("up to the limit exactly").isEqualTo(20);
        assertThatThrownBy(() -> store.append(upload, 20, new ByteArrayInputStream(bytes(1)), 20))
                .isInstanceOf(IllegalStateException.class);

        String key = key();
        store.finish(upload, key);
        assertThat(readAll(key)).isEqualTo(all);
    }

    @Test
    void anUnknownUploadHasNothingStaged() throws IOException {
        assertThat(store.stagedSize(uploadId())).isZero();
    }

    @Test
    void anInterruptedAppendCountsOnlyDurableBytesAndCanBeResumed() throws IOException {
        String upload = uploadId();
        byte[] all = bytes(5000);
        store.append(upload, 0, slice(all, 0, 1000), NO_LIMIT);

        InputStream breaking = new BlobBytes.FailingAfter(slice(all, 1000, 5000), 2500);
        assertThatThrownBy(() -> store.append(upload, 1000, breaking, NO_LIMIT)).isInstanceOf(IOException.class);

        long resumeAt = store.stagedSize(upload);
        assertThat(resumeAt).as("between the old size and what was read").isBetween(1000L, 3500L);
        assertThat(store.append(upload, resumeAt, slice(all, (int) resumeAt, 5000), NO_LIMIT)).isEqualTo(5000);
        String key = key();
        store.finish(upload, key);
        assertThat(readAll(key)).isEqualTo(all);
    }

    // ---- finish

    @Test
    void finishComputesSizeAndSha256AndTheBlobReadsBack() throws IOException {
        String upload = uploadId();
        byte[] all = bytes(100_000);
        long size = 0;
        for (int from = 0; from < all.length; from += 30_000) {
            size = store.append(upload, size, slice(all, from, Math.min(all.length, from + 30_000)), NO_LIMIT);
        }
        String key = key();

        Stored stored = store.finish(upload, key);

        assertThat(stored).isEqualTo(new Stored(key, all.length, sha256(all)));
        assertThat(stored.sha256()).matches("[0-9a-f]{64}");
        assertThat(store.size(key)).contains((long) all.length);
        assertThat(readAll(key)).isEqualTo(all);
        assertThat(store.stagedSize(upload)).as("nothing left staged").isZero();
    }

    @Test
    void finishingOntoAnExistingKeyKeepsTheExistingBlob() throws IOException {
        byte[] original = bytes(1234);
        String key = key();
        Stored first = stage(original, key);

        String again = uploadId();
        byte[] other = bytes(99);
        store.append(again, 0, new ByteArrayInputStream(other), NO_LIMIT);
        Stored second = store.finish(again, key);

        assertThat(second).isEqualTo(first).isEqualTo(new Stored(key, original.length, sha256(original)));
        assertThat(readAll(key)).isEqualTo(original);
        assertThat(store.stagedSize(again)).as("the staged bytes are discarded").isZero();
    }

    @Test
    void finishingWithNothingStagedIsRefused() throws IOException {
        String key = key();
        assertThatThrownBy(() -> store.finish(uploadId(), key)).isInstanceOf(IllegalStateException.class);
        assertThat(store.size(key)).isEmpty();
    }

    @Test
    void abortDiscardsTheStagedBytes() throws IOException {
        String upload = uploadId();
        store.append(upload, 0, new ByteArrayInputStream(bytes(500)), NO_LIMIT);

        store.abort(upload);

        assertThat(store.stagedSize(upload)).isZero();
        byte[] fresh = bytes(50);
        assertThat(store.append(upload, 0, new ByteArrayInputStream(fresh), NO_LIMIT)).as("starts over at 0")
                .isEqualTo(50);
        String key = key();
        store.finish(upload, key);
        assertThat(readAll(key)).isEqualTo(fresh);

        store.abort(uploadId());
        store.abort(upload);
    }

    // ---- read, size, delete

    @Test
    void rangedReads() throws IOException {
        byte[] all = bytes(1000);
        String key = key();
        stage(all, key);

        assertThat(read(key, 100, 200)).as("middle").isEqualTo(Arrays.copyOfRange(all, 100, 300));
        assertThat(read(key, 0, 1000)).as("whole").isEqualTo(all);
        assertThat(read(key, 900, 100)).as("exactly to the end").isEqualTo(Arrays.copyOfRange(all, 900, 1000));
        assertThat(read(key, 900, 5000)).as("running past the end").isEqualTo(Arrays.copyOfRange(all, 900, 1000));
        assertThat(read(key, 1, Long.MAX_VALUE)).as("length up to Long.MAX_VALUE")
                .isEqualTo(Arrays.copyOfRange(all, 1, 1000));
        assertThat(read(key, 999, 1)).as("last byte").containsExactly(all[999]);
        assertThat(read(key, 1000, 10)).as("at the end").isEmpty();
        assertThat(read(key, 5000, 10)).as("past the end").isEmpty();
        assertThat(read(key, 10, 0)).as("zero length").isEmpty();
        assertThatThrownBy(() -> store.read(key, -1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.read(key, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readingAMissingBlobThrowsNoSuchFile() {
        assertThatThrownBy(() -> read(key(), 0, 10)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void sizeAndDeleteOfPresentAndMissingBlobs() throws IOException {
        String key = key();
        assertThat(store.size(key)).isEmpty();
        assertThat(store.delete(key)).isFalse();

        stage(bytes(321), key);
        String other = key();
        stage(bytes(5), other);

        assertThat(store.size(key)).contains(321L);
        assertThat(store.delete(key)).isTrue();
        assertThat(store.size(key)).isEmpty();
        assertThat(store.delete(key)).isFalse();
        assertThatThrownBy(() -> read(key, 0, 10)).isInstanceOf(NoSuchFileException.class);
        assertThat(store.size(other)).as("another blob is untouched").contains(5L);
    }

    // ---- streaming

    /**
     * 64 MiB through append (a 48 MiB and a 16 MiB chunk), finish and read, from a generator and checked against a
     * second generator, so the test itself never holds the blob. The heap in use (after a GC) is sampled when the
     * store has read 40 MiB of the first append and when half of the blob has been read back; neither may have grown
     * by 24 MiB. (Adapter modules should also cap the test JVM's heap, e.g. {@code -Xmx192m}.)
     */
    @Test
    void aLargeBlobIsStreamedNotBuffered() throws IOException {
        long size = 64L * MIB;
        long firstChunk = 48L * MIB;
        long seed = 42;
        String upload = uploadId();
        long baseline = heapInUseAfterGc();
        long[] peak = {0};
        Runnable sample = () -> peak[0] = Math.max(peak[0], heapInUseAfterGc() - baseline);

        PseudoRandomStream source = new PseudoRandomStream(seed, size).onReaching(40L * MIB, sample);
        long staged = store.append(upload, 0, new BlobBytes.Bounded(source, firstChunk), size);
        assertThat(staged).isEqualTo(firstChunk);
        staged = store.append(upload, staged, source, size);
        assertThat(staged).isEqualTo(size);
        String key = key();
        Stored stored = store.finish(upload, key);

        assertThat(stored).isEqualTo(new Stored(key, size, sha256(new PseudoRandomStream(seed, size))));
        try (InputStream in = store.read(key, 0, size)) {
            assertSameBytes(in, new PseudoRandomStream(seed, size), size / 2);
            sample.run();
            assertSameBytes(in, new BlobBytes.Skipped(new PseudoRandomStream(seed, size), size / 2), size / 2);
            assertThat(in.read()).as("end of the blob").isEqualTo(-1);
        }
        assertThat(peak[0]).as("heap growth while streaming 64 MiB").isLessThan(24L * MIB);
    }

    // ---- helpers

    /** A new upload id (letters, digits and '-'). */
    protected static String uploadId() {
        return UUID.randomUUID().toString();
    }

    /** A new key shaped like a content address (64 lower-case hex digits). */
    protected String key() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private Stored stage(byte[] content, String key) throws IOException {
        String upload = uploadId();
        store.append(upload, 0, new ByteArrayInputStream(content), NO_LIMIT);
        return store.finish(upload, key);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static InputStream slice(byte[] b, int from, int to) {
        return new ByteArrayInputStream(b, from, to - from);
    }

    private byte[] readAll(String key) throws IOException {
        return read(key, 0, Long.MAX_VALUE);
    }

    private byte[] read(String key, long offset, long length) throws IOException {
        try (InputStream in = store.read(key, offset, length)) {
            return in.readAllBytes();
        }
    }

}
