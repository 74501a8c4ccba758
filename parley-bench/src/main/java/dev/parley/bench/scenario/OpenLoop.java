package dev.parley.bench.scenario;

import dev.parley.bench.client.BenchConnection;
import dev.parley.bench.client.LoadClient;
import dev.parley.bench.client.LoopContext;
import dev.parley.bench.metrics.BenchClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Open-loop sending at a constant total rate: on each event loop a 1 ms tick issues every send whose scheduled
 * time has come ({@code start + i / rate}), round-robin over that loop's synced connections, then flushes. Sends
 * never wait for answers; a tick that runs late issues the overdue sends at once, and their latency still counts
 * from the scheduled time.
 */
final class OpenLoop {
    private final LoadClient client;
    private final byte[] text;
    private final List<ScheduledFuture<?>> ticks = new ArrayList<>();

    OpenLoop(LoadClient client, byte[] text) {
        this.client = client;
        this.text = text;
    }

    /** Starts sending {@code totalRate} messages per second, split over the loops by their number of senders. */
    void start(double totalRate) throws InterruptedException {
        List<List<BenchConnection>> senders = new ArrayList<>();
        int total = 0;
        for (LoopContext ctx : client.loops()) {
            try {
                List<BenchConnection> s = ctx.loop().submit(ctx::senders).get();
                senders.add(s);
                total += s.size();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        if (total == 0) {
            throw new IllegalStateException("no synced connection to send from");
        }
        long start = BenchClock.now();
        for (int i = 0; i < senders.size(); i++) {
            List<BenchConnection> s = senders.get(i);
            if (s.isEmpty()) {
                continue;
            }
            LoopContext ctx = client.loops().get(i);
            Tick tick = new Tick(ctx, s, totalRate * s.size() / total, start);
            ticks.add(ctx.loop().scheduleAtFixedRate(tick, 0, 1, TimeUnit.MILLISECONDS));
        }
    }

    void stop() {
        ticks.forEach(t -> t.cancel(false));
        ticks.clear();
    }

    private final class Tick implements Runnable {
        private final LoopContext ctx;
        private final List<BenchConnection> senders;
        private final double perNano;
        private final long start;
        private long issued;
        private int next;

        Tick(LoopContext ctx, List<BenchConnection> senders, double rate, long start) {
            this.ctx = ctx;
            this.senders = senders;
            this.perNano = rate / 1e9;
            this.start = start;
        }

        @Override
        public void run() {
            long due = (long) ((BenchClock.now() - start) * perNano);
            while (issued < due) {
                long intended = start + (long) ((issued + 1) / perNano);
                senders.get(next).send(intended, text);
                next = next + 1 == senders.size() ? 0 : next + 1;
                issued++;
            }
            ctx.flushWrites();
        }
    }
}
