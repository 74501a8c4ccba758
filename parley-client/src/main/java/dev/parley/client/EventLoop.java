package dev.parley.client;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The client's single event-loop thread: tasks and timers run one at a time; a failing task is logged. */
final class EventLoop {
    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());

    private final ScheduledExecutorService executor;

    EventLoop(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** Queues {@code task}; false when the loop has shut down (the task will never run). */
    boolean post(Runnable task) {
        try {
            executor.execute(() -> guarded(task));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Runs {@code task} after {@code delay}, unless cancelled or the loop shuts down first. */
    ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        return executor.schedule(() -> guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** A single daemon thread named {@code <name>-loop} whose cancelled timers are dropped at once. */
    static ScheduledThreadPoolExecutor executor(String name) {
        var executor = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name(name + "-loop").daemon(true).factory());
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    /** Lets queued tasks finish, drops pending timers, accepts nothing more. */
    void shutdown() {
        executor.shutdown();
    }

    private static void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Parley client event-loop task failed", e);
        }
    }
}
