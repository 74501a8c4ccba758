package dev.parley.bench.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * What the generator's connections count and time, shared by all event loops. Latencies are microseconds from
 * the <em>scheduled</em> send time ({@link BenchClock}) — not from when the frame was actually written — so a
 * generator or server that falls behind shows up as latency instead of being hidden (no coordinated omission).
 */
public final class Stats {
    /** send → {@code accepted} (✓: durably stored). */
    public final Recorder ack = new Recorder(3);
    /** send → the {@code message} update reaching a member other than the sender. */
    public final Recorder delivered = new Recorder(3);
    /** send → the sender's {@code receipt}/{@code groupReceipt} covering the message (✓✓). */
    public final Recorder receipt = new Recorder(3);

    public final LongAdder sent = new LongAdder();
    public final LongAdder accepted = new LongAdder();
    /** Message updates received by members other than the sender. */
    public final LongAdder deliveries = new LongAdder();
    /** Messages whose ✓✓ reached their sender. */
    public final LongAdder receipts = new LongAdder();
    /** Every update frame received (messages, own echoes, receipts, chats). */
    public final LongAdder updates = new LongAdder();
    public final LongAdder acksSent = new LongAdder();
    public final LongAdder errors = new LongAdder();
    public final LongAdder ready = new LongAdder();
    public final LongAdder synced = new LongAdder();
    public final LongAdder connectFailures = new LongAdder();
    public final LongAdder unexpectedCloses = new LongAdder();
    private final Map<String, LongAdder> errorCodes = new ConcurrentHashMap<>();

    public void error(String code) {
        errors.increment();
        errorCodes.computeIfAbsent(code == null ? "?" : code, k -> new LongAdder()).increment();
    }

    public Map<String, Long> errorCodes() {
        Map<String, Long> m = new TreeMap<>();
        errorCodes.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** Records {@code nowNanos - intendedNanos} in microseconds (never negative). */
    public static void record(Recorder r, long intendedNanos, long nowNanos) {
        r.recordValue(Math.max(0, (nowNanos - intendedNanos) / 1000));
    }
}
