package dev.parley.bench.scenario;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs a progress line (or a sampler) at a fixed period on a daemon thread until closed. */
final class Reporter implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-progress");
        t.setDaemon(true);
        return t;
    });

    private Reporter() {
    }

    static Reporter every(Duration period, Runnable line) {
        Reporter r = new Reporter();
        r.timer.scheduleAtFixedRate(() -> {
            try {
                line.run();
            } catch (RuntimeException e) {
                System.err.println("progress: " + e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return r;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
