package dev.parley.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The bytes {@code [offset, offset + length)} of a file as an InputStream that reports its position as it is read:
 * the body of an upload's {@code PATCH}, counted as the HTTP client takes the bytes for the socket. Stops at
 * {@code length} even if the file grew; ends early if it shrank (the HTTP client then fails the request, since the
 * Content-Length was promised).
 */
final class FileSlice extends InputStream {
    private final FileChannel channel;
    private final LongConsumer position;
    private long next;
    private final long end;

    private FileSlice(FileChannel channel, long offset, long length, LongConsumer position) {
        this.channel = channel;
        this.next = offset;
        this.end = offset + length;
        this.position = position;
    }

    /**
     * A request body of exactly {@code length} bytes read from {@code file} at {@code offset}, opening the file anew for
     * each subscription (the HTTP client may send a body more than once). {@code position} hears the absolute file
     * position after every read; {@code lastPosition} holds the latest one, for a stall watch.
     */
    static HttpRequest.BodyPublisher publisher(Path file, long offset, long length, LongConsumer position,
                                               AtomicLong lastPosition) {
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return new FileSlice(FileChannel.open(file, StandardOpenOption.READ), offset, length, p -> {
                    lastPosition.set(p);
                    position.accept(p);
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }), length);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        long left = end - next;
        if (left <= 0) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(buffer, off, (int) Math.min(len, left)), next);
        if (n > 0) {
            next += n;
            position.accept(next);
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
