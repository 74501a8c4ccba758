package dev.parley.server.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Watches a connection for inbound silence with ONE timer (docs/protocol.md §6.8): after each {@code pingInterval}
 * of silence it fires {@link Silence#PING}, when the silence reaches {@code idleTimeout} it fires
 * {@link Silence#TIMEOUT} once and stops. Any bytes read count as life. It replaces Netty's
 * {@code IdleStateHandler} + {@code ReadTimeoutHandler} pair, which cost an idle connection two handlers and two
 * scheduled tasks (docs/benchmarks.md, B3).
 *
 * <p>The timer is not moved on every read (that would allocate per read): it fires when the next threshold would be
 * due if nothing had been read since, and then looks at the time of the last read. What to do with the events
 * (ping, close with 4000, close a plain HTTP connection) is the session handler's business.
 *
 * <p>Threads: everything runs on the channel's event loop; {@link #suspend}/{@link #resume} may be called from
 * any thread (a media download streaming from a worker) and hop onto the loop.
 */
public final class SilenceHandler extends ChannelInboundHandlerAdapter implements Runnable {
    /** The user events this handler fires. */
    public enum Silence { PING, TIMEOUT }

    private final long pingNanos;
    private final long timeoutNanos;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timer;
    private long lastRead;
    /** Silence at which the next PING is due: pingNanos after a read, then 2 × pingNanos, … */
    private long nextPing;
    private boolean reading;
    private int suspended;
    private boolean done;

    public SilenceHandler(long pingMillis, long idleTimeoutMillis) {
        if (pingMillis <= 0 || idleTimeoutMillis <= 0) {
            throw new IllegalArgumentException("ping interval and idle timeout must be positive, got "
                    + pingMillis + " ms and " + idleTimeoutMillis + " ms");
        }
        this.pingNanos = TimeUnit.MILLISECONDS.toNanos(pingMillis);
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(idleTimeoutMillis);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
            start();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start();
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        reading = true;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (reading) {
            reading = false;
            heard();
        }
        ctx.fireChannelReadComplete();
    }

    /**
     * Stops counting silence until {@link #resume}, e.g. while the server streams a long download to a client that
     * has nothing to say. Calls nest; each suspend needs one resume.
     */
    public void suspend() {
        onLoop(() -> suspended++);
    }

    /** Ends one {@link #suspend}; the silence counts from now. */
    public void resume() {
        onLoop(() -> {
            suspended = Math.max(0, suspended - 1);
            heard();
        });
    }

    /** The timer: fires what is due, then waits for the next threshold of the current silence. */
    @Override
    public void run() {
        timer = null;
        if (done || !ctx.channel().isOpen()) {
            return;
        }
        if (reading || suspended > 0) {
            heard();
        }
        long silence = now() - lastRead;
        if (silence >= timeoutNanos) {
            done = true;
            ctx.fireUserEventTriggered(Silence.TIMEOUT);
            return;
        }
        if (silence >= nextPing) {
            nextPing = (silence / pingNanos + 1) * pingNanos;
            ctx.fireUserEventTriggered(Silence.PING);
        }
        schedule(Math.min(nextPing, timeoutNanos) - silence);
    }

    private void start() {
        if (timer != null || done) {
            return;
        }
        heard();
        schedule(Math.min(pingNanos, timeoutNanos));
    }

    private void stop() {
        done = true;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void heard() {
        lastRead = now();
        nextPing = pingNanos;
    }

    private void schedule(long delayNanos) {
        timer = ctx.executor().schedule(this, Math.max(delayNanos, 1), TimeUnit.NANOSECONDS);
    }

    private long now() {
        return ctx.executor().ticker().nanoTime();
    }

    private void onLoop(Runnable task) {
        if (ctx == null) {
            throw new IllegalStateException("suspend/resume before the handler was added to a pipeline");
        }
        if (ctx.executor().inEventLoop()) {
            task.run();
        } else {
            ctx.executor().execute(task);
        }
    }
}
