package dev.parley.bench.client;

import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Per event loop state, touched only from that loop's thread: the scratch buffers of frame decoding, the
 * connections that live on the loop, the ones with unacknowledged updates (each acks one ack interval after its
 * first unacknowledged update: coalesced acks, as a real client batches them) and the ones written to but not yet flushed (one flush per
 * connection per scheduler tick instead of one syscall per frame).
 */
public final class LoopContext {
    final EventLoop loop;
    final Inbound inbound = new Inbound();
    byte[] scratch = new byte[16 * 1024];
    final java.util.Set<BenchConnection> connections = new java.util.LinkedHashSet<>();
    private final ArrayDeque<BenchConnection> ackDirty = new ArrayDeque<>();
    private final ArrayList<BenchConnection> toFlush = new ArrayList<>();

    private final long ackIntervalNanos;

    LoopContext(EventLoop loop, long ackIntervalMillis) {
        this.loop = loop;
        this.ackIntervalNanos = ackIntervalMillis * 1_000_000;
        if (ackIntervalMillis > 0) {
            long tick = Math.max(1, ackIntervalMillis / 10);
            loop.scheduleAtFixedRate(this::flushAcks, tick, tick, TimeUnit.MILLISECONDS);
        }
    }

    public EventLoop loop() {
        return loop;
    }

    /** Connections of this loop that are synced and have a chat to send to (read on the loop only). */
    public List<BenchConnection> senders() {
        List<BenchConnection> out = new ArrayList<>();
        for (BenchConnection c : connections) {
            if (c.isSynced() && c.chatId() > 0) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * A connection received an update it has not acked: it acks one ack interval after the first such update (a
     * debounce per connection, as a client's ack timer works), so acks are spread in time, not synchronized.
     */
    void markAck(BenchConnection c) {
        if (!c.ackQueued) {
            c.ackQueued = true;
            c.ackDue = System.nanoTime() + ackIntervalNanos;
            ackDirty.add(c);
        }
    }

    void markFlush(BenchConnection c) {
        if (!c.flushQueued) {
            c.flushQueued = true;
            toFlush.add(c);
        }
    }

    /** Flushes every connection written to since the last call. */
    public void flushWrites() {
        for (int i = 0; i < toFlush.size(); i++) {
            BenchConnection c = toFlush.get(i);
            c.flushQueued = false;
            c.flush();
        }
        toFlush.clear();
    }

    /** Acks every connection whose ack is due (the queue is in due order: the interval is the same for all). */
    private void flushAcks() {
        long now = System.nanoTime();
        BenchConnection c;
        while ((c = ackDirty.peek()) != null && c.ackDue - now <= 0) {
            ackDirty.poll();
            c.ackQueued = false;
            c.sendAck();
        }
    }

    byte[] scratch(int len) {
        if (scratch.length < len) {
            scratch = new byte[Math.max(len, scratch.length * 2)];
        }
        return scratch;
    }
}
