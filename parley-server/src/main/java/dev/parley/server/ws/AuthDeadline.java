package dev.parley.server.ws;

import io.netty.channel.EventLoop;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The auth timeout of one connection that came without a token: when it expires and the connection is still not
 * authenticated, {@code expire} runs — unless frames received before authentication are still waiting to be
 * processed (an {@code auth} queued behind a reconnect storm counts as in time): then it waits another period and
 * decides again once they are done. The session drops it once authenticated, so an idle connection holds none.
 */
final class AuthDeadline {
    private final EventLoop loop;
    private final long millis;
    private final BooleanSupplier settled;
    private final Runnable expire;
    private final AtomicInteger queuedFrames = new AtomicInteger();
    private volatile ScheduledFuture<?> timer;
    private volatile boolean cancelled;

    /** {@code settled}: authenticated or closing, nothing to do any more. */
    AuthDeadline(EventLoop loop, long millis, BooleanSupplier settled, Runnable expire) {
        this.loop = loop;
        this.millis = millis;
        this.settled = settled;
        this.expire = expire;
    }

    AuthDeadline start() {
        arm();
        return this;
    }

    /** Runs {@code work} (processing one frame received before authentication) counting it as queued. */
    Runnable counting(Runnable work) {
        queuedFrames.incrementAndGet();
        return () -> {
            try {
                work.run();
            } finally {
                queuedFrames.decrementAndGet();
            }
        };
    }

    void cancel() {
        cancelled = true;
        ScheduledFuture<?> t = timer;
        timer = null;
        if (t != null) {
            t.cancel(false);
        }
    }

    private void arm() {
        timer = loop.schedule(this::expired, millis, TimeUnit.MILLISECONDS);
    }

    private void expired() {
        if (cancelled || settled.getAsBoolean()) {
            return;
        }
        if (queuedFrames.get() > 0) {
            arm();
            return;
        }
        expire.run();
    }
}
