package dev.parley.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * The client's single callback thread: listener callbacks and the completion of the futures the client
 * returned run here, one at a time, in submission order. A task that throws is logged and does not
 * stop the thread.
 */
final class Callbacks {
    private static final System.Logger LOG = System.getLogger(Callbacks.class.getName());

    private final ExecutorService thread;

    Callbacks(ExecutorService thread) {
        this.thread = thread;
    }

    /** Runs {@code task} on the callback thread after everything submitted before; inline once shut down. */
    void run(Runnable task) {
        try {
            thread.execute(() -> safely(task));
        } catch (RejectedExecutionException e) {
            safely(task);
        }
    }

    <T> void complete(CompletableFuture<T> future, T value) {
        run(() -> future.complete(value));
    }

    void fail(CompletableFuture<?> future, Throwable error) {
        run(() -> future.completeExceptionally(error));
    }

    /** Stops accepting tasks once the queued ones have run. */
    void shutdown() {
        thread.shutdown();
    }

    private static void safely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.WARNING, "a Parley listener callback threw; the client goes on", e);
        }
    }
}
