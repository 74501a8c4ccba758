package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test files and a progress recorder for the media tests. */
final class MediaTestSupport {
    private MediaTestSupport() {
    }

    /** Every progress call and the upload id, as heard. */
    static final class Recorder implements ProgressListener {
        final List<long[]> calls = new CopyOnWriteArrayList<>();
        volatile String uploadId;

        @Override
        public void progress(long done, long total) {
            calls.add(new long[] {done, total});
        }

        @Override
        public void uploadCreated(String id) {
            uploadId = id;
        }

        long[] last() {
            return calls.getLast();
        }

        /** Asserts that the values never went back, always named {@code total}, and ended at it. */
        void assertCompleteAndMonotonic(long total) {
            assertThat(calls).isNotEmpty();
            long previous = -1;
            for (long[] call : calls) {
                assertThat(call[1]).isEqualTo(total);
                assertThat(call[0]).isGreaterThan(previous).isLessThanOrEqualTo(total);
                previous = call[0];
            }
            assertThat(last()).containsExactly(total, total);
        }
    }

    /** {@code size} pseudo-random bytes from {@code seed}. */
    static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
