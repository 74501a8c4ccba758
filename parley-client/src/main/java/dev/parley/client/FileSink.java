package dev.parley.client;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/**
 * A response body streamed into a file, appended at {@code start} or written from scratch: a download's
 * {@code .part}. Reports the file's length after every write; completes with the bytes written, or fails with an
 * {@link java.io.UncheckedIOException} for a disk error (not worth retrying; the response is then cancelled).
 * Before the first byte it runs {@code beforeFirstWrite} (to record the ETag next to the file).
 */
final class FileSink implements HttpResponse.BodySubscriber<Long> {
    /** Work done once the file is open, before any byte: may fail with an IOException. */
    interface Setup {
        void run() throws IOException;
    }

    private final Path file;
    private final long start;
    private final Setup beforeFirstWrite;
    private final LongConsumer length;
    private final CompletableFuture<Long> body = new CompletableFuture<>();
    private FileChannel channel;
    private Flow.Subscription subscription;
    private long written;

    /**
     * @param start  0: truncate the file and write it from the beginning; otherwise append (the file has {@code start}
     *               bytes)
     * @param length hears the file's length after each write
     */
    FileSink(Path file, long start, Setup beforeFirstWrite, LongConsumer length) {
        this.file = file;
        this.start = start;
        this.beforeFirstWrite = beforeFirstWrite;
        this.length = length;
    }

    @Override
    public CompletionStage<Long> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        try {
            channel = start == 0
                    ? FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)
                    : FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            beforeFirstWrite.run();
            length.accept(start);
            s.request(1);
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        try {
            for (ByteBuffer buffer : buffers) {
                while (buffer.hasRemaining()) {
                    written += channel.write(buffer);
                }
            }
            length.accept(start + written);
            subscription.request(1);
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    @Override
    public void onError(Throwable error) {
        close();
        body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        try {
            if (channel != null) {
                channel.force(false);
            }
            close();
            body.complete(written);
        } catch (IOException e) {
            fail(e);
        }
    }

    private void fail(Exception e) {
        subscription.cancel();
        close();
        body.completeExceptionally(e instanceof IOException io ? new java.io.UncheckedIOException("cannot write "
                + file + ": " + io.getMessage(), io) : e);
    }

    private void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // the body's outcome is already decided
        }
    }
}
