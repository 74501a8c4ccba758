package dev.parley.server.media;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An HTTP request body as an {@link InputStream}: the event loop {@link #offer offers} chunks as they arrive, a
 * virtual thread reads them (and blocks while none are there). Memory is bounded: above {@code highWater} buffered
 * bytes the channel stops reading from the socket (TCP flow control then slows the client); below half of it reading
 * resumes. A closed connection ends the stream with an {@link IOException}, so a half-sent body is never taken as
 * complete. Chunks are released as they are consumed or when the pipe is closed.
 */
final class BodyPipe extends InputStream {
    private static final long READ_TIMEOUT_SECONDS = 120;

    private final Channel channel;
    private final int highWater;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<ByteBuf> chunks = new ArrayDeque<>();
    private long buffered;
    private boolean ended;
    private boolean discarding;
    private IOException failure;
    private long received;

    BodyPipe(Channel channel, int highWater) {
        this.channel = channel;
        this.highWater = highWater;
    }

    /** Event loop: a chunk of the body (ownership passes to the pipe). */
    void offer(ByteBuf chunk) {
        lock.lock();
        try {
            received += chunk.readableBytes();
            if (discarding || failure != null) {
                chunk.release();
                return;
            }
            chunks.add(chunk);
            buffered += chunk.readableBytes();
            if (buffered > highWater) {
                channel.config().setAutoRead(false);
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Event loop: the body is complete. */
    void end() {
        lock.lock();
        try {
            ended = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Event loop: the connection closed before the body ended. */
    void fail(IOException cause) {
        lock.lock();
        try {
            if (!ended && failure == null) {
                failure = cause;
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the whole body arrived (consumed or not). */
    boolean ended() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes received so far (consumed or buffered). */
    long received() {
        lock.lock();
        try {
            return received;
        } finally {
            lock.unlock();
        }
    }

    /** Drops what is buffered and what still arrives (the answer is decided); reading resumes so the body drains. */
    void discardRest() {
        lock.lock();
        try {
            discarding = true;
            releaseAll();
        } finally {
            lock.unlock();
        }
        channel.config().setAutoRead(true);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        lock.lock();
        try {
            ByteBuf head = awaitChunk();
            if (head == null) {
                return -1;
            }
            int n = Math.min(len, head.readableBytes());
            head.readBytes(b, off, n);
            buffered -= n;
            if (!head.isReadable()) {
                chunks.poll().release();
            }
            if (buffered < highWater / 2 && !channel.config().isAutoRead()) {
                channel.config().setAutoRead(true);
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** The first chunk with bytes, null at the end of the body; throws when the connection failed or stalled. */
    private ByteBuf awaitChunk() throws IOException {
        while (true) {
            ByteBuf head = chunks.peek();
            if (head != null && head.isReadable()) {
                return head;
            }
            if (head != null) {
                chunks.poll().release();
                continue;
            }
            if (failure != null) {
                throw failure;
            }
            if (ended) {
                return null;
            }
            try {
                if (!arrived.await(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IOException("no body bytes for " + READ_TIMEOUT_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading the request body", e);
            }
        }
    }

    /** Drops what is buffered and whatever still arrives, and lets the rest of the body drain. */
    @Override
    public void close() {
        discardRest();
    }

    private void releaseAll() {
        ByteBuf c;
        while ((c = chunks.poll()) != null) {
            c.release();
        }
        buffered = 0;
    }
}
