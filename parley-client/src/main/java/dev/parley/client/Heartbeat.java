package dev.parley.client;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The application heartbeat of one connection: a {@code ping} every {@code interval} after the previous pong;
 * a ping unanswered within {@code timeout} declares the connection dead (a half-open TCP connection, a
 * stuck server). Event loop only.
 */
final class Heartbeat {
    private final EventLoop loop;
    private final Duration interval;
    private final Duration timeout;
    private final Supplier<String> ids;
    private final Consumer<String> sendPing;
    private final Consumer<String> onDead;
    private String pending;
    private ScheduledFuture<?> next;
    private ScheduledFuture<?> deadline;
    private boolean stopped;

    /**
     * @param sendPing transmits a ping with the given request id
     * @param onDead   called with a reason when a ping stays unanswered
     */
    Heartbeat(EventLoop loop, Duration interval, Duration timeout, Supplier<String> ids, Consumer<String> sendPing,
              Consumer<String> onDead) {
        this.loop = loop;
        this.interval = interval;
        this.timeout = timeout;
        this.ids = ids;
        this.sendPing = sendPing;
        this.onDead = onDead;
    }

    void start() {
        next = loop.schedule(interval, this::beat);
    }

    /** True when {@code requestId} is the id of the ping waiting for its answer. */
    boolean awaits(String requestId) {
        return requestId != null && requestId.equals(pending);
    }

    /** The ping was answered (pong, or even an error: the server is alive); schedules the next one. */
    void answered() {
        pending = null;
        Link.cancel(deadline);
        if (!stopped) {
            start();
        }
    }

    void stop() {
        stopped = true;
        Link.cancel(next);
        Link.cancel(deadline);
    }

    private void beat() {
        if (stopped) {
            return;
        }
        String id = ids.get();
        pending = id;
        sendPing.accept(id);
        deadline = loop.schedule(timeout, () -> {
            if (!stopped && awaits(id)) {
                onDead.accept("no pong within " + timeout);
            }
        });
    }
}
