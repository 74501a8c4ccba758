package dev.parley.store.sql;

import dev.parley.core.model.Update;
import dev.parley.core.port.UpdateListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer with group commit. Callers submit {@link WriteTask}s and block (they are virtual threads)
 * until their task is durable. One platform thread takes up to {@code maxBatch} queued tasks and runs them in
 * ONE transaction, each inside its own SAVEPOINT: a failing task rolls back only itself and gets its own
 * exception. Then COMMIT (one fsync for the whole batch), then every caller's future is completed, then the
 * batch's new update entries are handed to the {@link UpdateListener} in order. A task's exception reaches its
 * caller as the very same instance (not wrapped), so a domain refusal thrown inside a task (a group command)
 * keeps its type and message.
 *
 * <p>A task that fails with a transient error (lock timeout, deadlock, serialization failure, busy database) is
 * rolled back to its savepoint and, after the batch commits, run again in a transaction of its own (holding as
 * few locks as possible), at most {@value #MAX_ATTEMPTS} attempts in all.
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_ATTEMPTS = 10;
    private static final Job<Void> STOP = new Job<>(tx -> null);

    private final ConnectionSource connections;
    private final SqlDialect dialect;
    private final int maxBatch;
    private final Supplier<UpdateListener> listener;
    private final EntryAges entryAges;
    private final BlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
    private final ReadWriteLock closing = new ReentrantReadWriteLock();
    private final AtomicLong commits = new AtomicLong();
    private final Thread thread;
    private boolean closed;

    GroupCommitWriter(ConnectionSource connections, SqlDialect dialect, int maxBatch,
                      Supplier<UpdateListener> listener, EntryAges entryAges) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
        }
        this.connections = connections;
        this.dialect = dialect;
        this.maxBatch = maxBatch;
        this.listener = listener;
        this.entryAges = entryAges;
        this.thread = Thread.ofPlatform().name("parley-sql-writer").daemon().start(this::loop);
    }

    /** Runs the task in the next batch and returns its result once the batch is committed. */
    <T> T submit(WriteTask<T> task) {
        Job<T> job = new Job<>(task);
        closing.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the SQL store is closed: no more writes are accepted");
            }
            queue.add(job);
        } finally {
            closing.readLock().unlock();
        }
        return job.await();
    }

    /** Number of committed transactions (batches) so far. */
    long commits() {
        return commits.get();
    }

    /** Tasks waiting for the writer (for tests and metrics). */
    int queued() {
        return queue.size();
    }

    /** Runs every task submitted so far, then stops the writer thread. */
    @Override
    public void close() {
        closing.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        } finally {
            closing.writeLock().unlock();
        }
        try {
            if (!thread.join(Duration.ofSeconds(30))) {
                log.warn("SQL writer did not finish its queue within 30 s of close()");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        List<Job<?>> batch = new ArrayList<>(maxBatch);
        boolean stop = false;
        while (!stop) {
            batch.clear();
            batch.add(take());
            queue.drainTo(batch, maxBatch - 1);
            stop = batch.remove(STOP);
            runUntilDone(batch);
        }
        log.debug("SQL writer stopped after {} commits", commits.get());
    }

    private Job<?> take() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                log.warn("SQL writer interrupted while idle; it keeps running until close()");
            }
        }
    }

    private void runUntilDone(List<Job<?>> batch) {
        List<Job<?>> retry = runBatch(batch);
        while (!retry.isEmpty()) {
            List<Job<?>> again = new ArrayList<>();
            for (Job<?> job : retry) {
                again.addAll(runBatch(List.of(job)));
            }
            retry = again;
        }
    }

    /** Runs one transaction; returns the jobs to run again (lost a transient race). */
    private List<Job<?>> runBatch(List<Job<?>> jobs) {
        List<Job<?>> done = new ArrayList<>(jobs.size());
        List<Job<?>> retry = new ArrayList<>();
        try (Connection connection = connections.borrow()) {
            try {
                for (Job<?> job : jobs) {
                    runInSavepoint(connection, job, done, retry);
                }
                connection.commit();
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(connection);
                throw e;
            }
        } catch (SQLException | RuntimeException | Error e) {
            log.error("SQL write batch of {} tasks failed, nothing of it was committed", jobs.size(), e);
            failAll(jobs, e);
            return List.of();
        }
        commits.incrementAndGet();
        done.forEach(Job::complete);
        publish(done);
        return retry;
    }

    private void runInSavepoint(Connection connection, Job<?> job, List<Job<?>> done, List<Job<?>> retry)
            throws SQLException {
        TaskSavepoint savepoint = TaskSavepoint.set(connection, dialect);
        WriteTx tx = new WriteTx(connection, entryAges, dialect);
        try {
            job.run(tx);
        } catch (SQLException | RuntimeException e) {
            savepoint.rollback();
            if (dialect.isTransient(e) && ++job.attempts < MAX_ATTEMPTS) {
                log.debug("SQL write task lost a race (attempt {}), running it again: {}", job.attempts, e.toString());
                retry.add(job);
            } else {
                job.fail(e);
            }
            return;
        }
        if (tx.discarded()) {
            savepoint.rollback();
        } else {
            savepoint.release();
        }
        job.updates = tx.updates();
        done.add(job);
    }

    private void publish(List<Job<?>> done) {
        List<Update> updates = new ArrayList<>();
        done.forEach(job -> updates.addAll(job.updates));
        if (updates.isEmpty()) {
            return;
        }
        try {
            listener.get().appended(List.copyOf(updates));
        } catch (RuntimeException e) {
            log.error("UpdateListener failed on {} committed entries; they stay readable from the stream",
                    updates.size(), e);
        }
    }

    private static void failAll(List<Job<?>> jobs, Throwable cause) {
        for (Job<?> job : jobs) {
            job.fail(cause);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            log.warn("rollback of a failed SQL write batch failed too", e);
        }
    }

    /** One submitted task with its result, the entries it appended and the caller's future. */
    private static final class Job<T> {
        private final WriteTask<T> task;
        private final CompletableFuture<T> future = new CompletableFuture<>();
        private T result;
        private volatile Throwable failure;
        private List<Update> updates = List.of();
        private int attempts;

        Job(WriteTask<T> task) {
            this.task = task;
        }

        void run(WriteTx tx) throws SQLException {
            result = task.run(tx);
        }

        void complete() {
            future.complete(result);
        }

        void fail(Throwable cause) {
            failure = cause;
            future.completeExceptionally(cause);
        }

        /** The result, or the task's own exception instance (a checked one wrapped in SqlStoreException). */
        T await() {
            try {
                return future.join();
            } catch (CompletionException | CancellationException e) {
                throw rethrowable(failure != null ? failure : e.getCause());
            }
        }

        private static RuntimeException rethrowable(Throwable cause) {
            if (cause instanceof RuntimeException runtime) {
                return runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            return new SqlStoreException("SQL write failed: " + cause.getMessage(), cause);
        }
    }
}
