package dev.parley.core.delivery;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs tasks one at a time, in submission order, on threads of {@code delegate} (virtual threads).
 * Holds no thread while idle: a drain is started when the first task arrives and ends when the queue is
 * empty. A task that throws is reported to {@code onError} and the next task runs.
 */
public final class SerialExecutor implements Executor {
    private final Executor delegate;
    private final Consumer<Throwable> onError;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();

    public SerialExecutor(Executor delegate, Consumer<Throwable> onError) {
        this.delegate = delegate;
        this.onError = onError;
    }

    @Override
    public void execute(Runnable task) {
        queue.add(task);
        if (pending.getAndIncrement() == 0) {
            delegate.execute(this::drain);
        }
    }

    /** Tasks queued or running. */
    public int pending() {
        return pending.get();
    }

    private void drain() {
        do {
            Runnable task = queue.poll();
            try {
                task.run();
            } catch (Throwable t) {
                onError.accept(t);
            }
        } while (pending.decrementAndGet() > 0);
    }
}
