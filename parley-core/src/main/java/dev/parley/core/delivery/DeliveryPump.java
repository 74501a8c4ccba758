package dev.parley.core.delivery;

import dev.parley.core.model.Update;
import dev.parley.core.port.UpdateStream;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * Delivers one device's update stream to its connection: first everything after the resume cursor from
 * the store, then {@code synced}, then live entries as the store commits them — each cursor exactly once,
 * in order.
 *
 * <p>Live entries arrive through {@link #offer}; they are pushed straight from memory when they continue
 * the sent cursor, and re-read from the store when there is a gap or the bounded pending buffer overflowed.
 * When the connection cannot take more ({@link Sink#push} returns false) the pump pauses and holds
 * nothing but its cursor; {@link #resume} continues from the store. All delivery runs on the pump's own
 * serial executor, so a device's requests (which may wait for a commit) never delay what it receives.
 * Pushes are flushed once per batch (a drained set of live entries, a page read from the store), not per entry.
 */
public final class DeliveryPump {

    /** Where entries go: the connection. */
    public interface Sink {
        /**
         * Queue one update for the client; false when the connection cannot take more now (backpressure). What
         * was queued may wait for {@link #flush}.
         */
        boolean push(Update update);

        /** Send what {@link #push} queued. The pump calls it after each batch and before it pauses. */
        default void flush() {
        }

        /** Every entry up to {@code cursor} that existed at start has been pushed. */
        void synced(long cursor);
    }

    private static final int READ_BATCH = 256;

    private final long userId;
    private final UpdateStream stream;
    private final Executor executor;
    private final Sink sink;
    private final int maxPending;
    private final Semaphore storePages;
    private final Object lock = new Object();
    private final ArrayDeque<Update> pending = new ArrayDeque<>();
    private boolean gap;
    private boolean scheduled;
    private boolean live;
    private boolean paused;
    private boolean stopped;
    // Only touched on the executor:
    private long sent;
    private boolean syncedSent;

    public DeliveryPump(long userId, UpdateStream stream, Executor executor, Sink sink, int maxPending) {
        this(userId, stream, executor, sink, maxPending, new Semaphore(Integer.MAX_VALUE));
    }

    /**
     * {@code storePages}: shared by every pump of the process; a pump holds one permit while it reads a page
     * from the store and pushes it (never while paused), so a reconnect storm of thousands of devices reads and
     * encodes a bounded number of pages at a time instead of materializing every backlog at once.
     */
    public DeliveryPump(long userId, UpdateStream stream, Executor executor, Sink sink, int maxPending,
                        Semaphore storePages) {
        this.storePages = storePages;
        this.userId = userId;
        this.stream = stream;
        this.executor = executor;
        this.sink = sink;
        this.maxPending = maxPending;
    }

    /** Starts delivery after {@code cursor}: backlog from the store, then {@code synced}, then live. */
    public void start(long cursor) {
        executor.execute(() -> {
            sent = cursor;
            continueFromStore();
        });
    }

    /** New durable entries of this user, in cursor order. Never blocks. */
    public void offer(List<Update> updates) {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            if (pending.size() + updates.size() > maxPending) {
                pending.clear();
                gap = true;
            } else {
                pending.addAll(updates);
            }
            if (!live || paused || scheduled) {
                return;
            }
            scheduled = true;
        }
        executor.execute(this::drain);
    }

    /** The connection can take more again after a refused push: continue from the store. */
    public void resume() {
        executor.execute(() -> {
            synchronized (lock) {
                if (!paused || stopped) {
                    return;
                }
                paused = false;
                pending.clear();
                gap = false;
            }
            continueFromStore();
        });
    }

    /** Stops delivery for good; later offers are ignored. */
    public void stop() {
        synchronized (lock) {
            stopped = true;
            pending.clear();
        }
    }

    private void continueFromStore() {
        if (!catchUp()) {
            return;
        }
        if (!syncedSent) {
            syncedSent = true;
            sink.synced(sent);
            synchronized (lock) {
                live = true;
            }
        }
        drain();
    }

    private void drain() {
        List<Update> batch;
        boolean readStore;
        synchronized (lock) {
            scheduled = false;
            if (stopped || paused) {
                return;
            }
            batch = List.copyOf(pending);
            pending.clear();
            readStore = gap;
            gap = false;
        }
        if (readStore) {
            catchUp();
            return;
        }
        try {
            pushLive(batch);
        } finally {
            sink.flush();
        }
    }

    private void pushLive(List<Update> batch) {
        for (Update u : batch) {
            if (u.cursor() <= sent) {
                continue;
            }
            if (u.cursor() != sent + 1) {
                catchUp();
                return;
            }
            if (!push(u)) {
                return;
            }
        }
    }

    /** Pushes everything after {@code sent} that is in the store; false when paused or stopped. */
    private boolean catchUp() {
        while (true) {
            storePages.acquireUninterruptibly();
            List<Update> page;
            boolean all;
            try {
                page = stream.read(userId, sent, READ_BATCH);
                all = pushAll(page);
                sink.flush();
            } finally {
                storePages.release();
            }
            if (!all) {
                return false;
            }
            if (page.size() < READ_BATCH) {
                return true;
            }
        }
    }

    private boolean pushAll(List<Update> page) {
        for (Update u : page) {
            if (!push(u)) {
                return false;
            }
        }
        return true;
    }

    private boolean push(Update u) {
        synchronized (lock) {
            if (stopped || paused) {
                return false;
            }
        }
        if (!sink.push(u)) {
            synchronized (lock) {
                paused = true;
            }
            return false;
        }
        sent = u.cursor();
        return true;
    }
}
