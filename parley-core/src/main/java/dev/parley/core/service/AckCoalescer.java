package dev.parley.core.service;

import dev.parley.core.model.DeviceIdentity;
import dev.parley.core.model.Watermark;
import dev.parley.core.port.ReceiptStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ObjLongConsumer;

/**
 * At most one durable {@link ReceiptStore#acknowledge} per device per {@code window}; acks arriving inside the
 * window are coalesced (the highest cursor wins) and written when it ends.
 *
 * <p>Why: every ack is a durable write of ≈ 10 statements through the store's single writer (device cursor,
 * watermark, receipt marks, a receipt entry for the other member), and a busy device acks several times a second —
 * at 2,000 devices that was more writer time than the messages themselves (docs/benchmarks.md, B1). Coalescing per
 * device keeps ✓✓ correct (watermarks only move forward, to the highest acknowledged cursor) and delays it by at most
 * the window. The first ack after a quiet window is written at once, so a lone ack is as fast as before.
 *
 * <p>Safety: an acknowledged-but-not-yet-written cursor lives only in memory. Losing it in a crash costs nothing
 * that guarantee §2.4 needs: the device resumes from its own processed cursor ({@code auth.cursor}) or receives the
 * entries again and skips the cursors it has. {@link #pendingCursor} lets a reconnect on this node see it, and
 * {@link #flushAll} writes everything pending at shutdown.
 *
 * <p>Threads: {@link #acknowledge} is called from session executors (virtual threads) and writes inline when the
 * window is open; delayed writes are scheduled on {@code timer} and run on {@code workers}.
 */
public final class AckCoalescer {
    /** One device's coalescing state; every field is guarded by the object's monitor. */
    private static final class Device {
        final long userId;
        final long deviceId;
        long pending = -1;
        long lastWriteMillis = Long.MIN_VALUE / 2;
        boolean writing;
        boolean scheduled;
        boolean removed;

        Device(long userId, long deviceId) {
            this.userId = userId;
            this.deviceId = deviceId;
        }
    }

    private final ReceiptStore store;
    private final ScheduledExecutorService timer;
    private final Executor workers;
    private final Clock clock;
    private final long windowMillis;
    private final ObjLongConsumer<RuntimeException> failed;
    private final ConcurrentHashMap<Long, Device> devices = new ConcurrentHashMap<>();

    /** {@code failed} hears of a write that failed (with the device id); the device resumes from its own cursor. */
    public AckCoalescer(ReceiptStore store, ScheduledExecutorService timer, Executor workers, Clock clock,
                        Duration window, ObjLongConsumer<RuntimeException> failed) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("the ack coalescing window must be >= 0, got " + window);
        }
        this.store = store;
        this.timer = timer;
        this.workers = workers;
        this.clock = clock;
        this.windowMillis = window.toMillis();
        this.failed = failed;
    }

    /** Records the ack; writes it now when the device's window is open, else when it ends. Never waits longer. */
    public void acknowledge(DeviceIdentity device, long cursor) {
        if (windowMillis == 0) {
            writeQuietly(new Device(device.userId(), device.deviceId()), cursor);
            return;
        }
        while (true) {
            Device d = devices.computeIfAbsent(device.deviceId(), id -> new Device(device.userId(), id));
            synchronized (d) {
                if (d.removed) {
                    continue;
                }
                d.pending = Math.max(d.pending, cursor);
                if (d.writing || d.scheduled) {
                    return;
                }
                long wait = d.lastWriteMillis + windowMillis - clock.millis();
                if (wait > 0) {
                    schedule(d, wait);
                    return;
                }
                d.writing = true;
            }
            write(d);
            return;
        }
    }

    /**
     * Writes {@code cursor} (and anything pending for the device, which the window's end then need not write
     * again) durably before returning.
     */
    public List<Watermark> acknowledgeNow(DeviceIdentity device, long cursor) {
        Device d = devices.get(device.deviceId());
        long target = cursor;
        if (d != null) {
            synchronized (d) {
                target = Math.max(target, d.pending);
                d.pending = -1;
            }
        }
        return store.acknowledge(device.userId(), device.deviceId(), target);
    }

    /** The highest cursor acknowledged by the device on this node but not written yet, or -1. */
    public long pendingCursor(long deviceId) {
        Device d = devices.get(deviceId);
        if (d == null) {
            return -1;
        }
        synchronized (d) {
            return d.pending;
        }
    }

    /** Devices with coalescing state (a write or window in progress); idle devices are forgotten. */
    public int tracked() {
        return devices.size();
    }

    /** Writes every pending ack now (shutdown); returns how many devices had one. */
    public int flushAll() {
        int flushed = 0;
        for (Device d : devices.values()) {
            long cursor;
            synchronized (d) {
                cursor = d.pending;
                d.pending = -1;
            }
            if (cursor >= 0) {
                flushed++;
                writeQuietly(d, cursor);
            }
        }
        return flushed;
    }

    private void schedule(Device d, long delayMillis) {
        d.scheduled = true;
        timer.schedule(() -> workers.execute(() -> windowEnded(d)), delayMillis, TimeUnit.MILLISECONDS);
    }

    /** The window after a write ended: write what came in meanwhile, or forget the idle device. */
    private void windowEnded(Device d) {
        synchronized (d) {
            d.scheduled = false;
            if (d.writing) {
                return;
            }
            if (d.pending < 0) {
                d.removed = true;
                devices.remove(d.deviceId, d);
                return;
            }
            d.writing = true;
        }
        write(d);
    }

    /** Writes the device's pending cursor (the caller set {@code writing}), then opens the next window. */
    private void write(Device d) {
        long cursor;
        synchronized (d) {
            cursor = d.pending;
            d.pending = -1;
        }
        writeQuietly(d, cursor);
        synchronized (d) {
            d.writing = false;
            d.lastWriteMillis = clock.millis();
            if (!d.scheduled) {
                schedule(d, windowMillis);
            }
        }
    }

    private void writeQuietly(Device d, long cursor) {
        try {
            store.acknowledge(d.userId, d.deviceId, cursor);
        } catch (RuntimeException e) {
            failed.accept(e, d.deviceId);
        }
    }
}
