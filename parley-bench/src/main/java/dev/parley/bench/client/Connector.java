package dev.parley.bench.client;

import dev.parley.bench.metrics.Stats;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Brings a set of connections up to {@code synced}: at most {@code concurrency} connections between "connect" and
 * "synced" at a time (0: no bound — every connect is issued at once, a reconnect storm).
 */
public final class Connector {
    private Connector() {
    }

    /** Returns how many connections reached {@code synced} within {@code timeout}. */
    public static int connectAll(LoadClient client, List<BenchConnection> connections, int concurrency,
                                 Duration timeout, Stats stats) throws InterruptedException {
        Semaphore permits = new Semaphore(concurrency <= 0 ? Integer.MAX_VALUE : concurrency);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (BenchConnection c : connections) {
            long left = deadline - System.nanoTime();
            if (!permits.tryAcquire(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                break;
            }
            c.syncedFuture().whenComplete((ok, failure) -> permits.release());
            client.connect(c).addListener(f -> {
                if (!f.isSuccess()) {
                    stats.connectFailures.increment();
                    c.syncedFuture().completeExceptionally(f.cause());
                }
            });
        }
        CompletableFuture<?> all = CompletableFuture.allOf(connections.stream()
                .map(c -> c.syncedFuture().exceptionally(t -> null)).toArray(CompletableFuture[]::new));
        try {
            all.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            // count what made it
        }
        return (int) connections.stream().filter(BenchConnection::isSynced).count();
    }
}
