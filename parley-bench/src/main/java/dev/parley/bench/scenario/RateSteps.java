package dev.parley.bench.scenario;

import dev.parley.bench.metrics.Stats;
import dev.parley.bench.sys.ProcStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Steps an open-loop send rate up (B1, B2): a warm-up, then each offered rate for a fixed window, then a drain
 * (until every send is accepted and delivered, or a timeout) so that the next step starts clean. Latencies of a
 * step include its messages delivered during the drain. A step <em>holds</em> when it drained, delivered at least
 * 95 % of the offered deliveries per second during the window, and its p99 send → delivered stayed under the
 * limit; the saturation point is the highest offered rate that held. Stepping stops after two failed steps in a row
 * (but always runs the rates up to {@code alwaysUpTo}, where a target is defined).
 */
final class RateSteps {
    /** {@code alwaysUpTo}: rates up to this one run even after failures (a target is defined there). */
    record Config(List<Double> rates, Duration step, Duration warmup, Duration drainTimeout, Duration pause,
                  double p99LimitMs, int deliveriesPerMessage, double alwaysUpTo) {
    }

    private final BenchEnv env;
    private final OpenLoop sender;
    private final Config cfg;
    private final Stats s;

    RateSteps(BenchEnv env, OpenLoop sender, Config cfg) {
        this.env = env;
        this.sender = sender;
        this.cfg = cfg;
        this.s = env.stats;
    }

    /** Runs warm-up and steps; returns the step results (the warm-up is not among them). */
    List<Map<String, Object>> run() throws InterruptedException {
        if (!cfg.warmup().isZero()) {
            step("warmup", cfg.rates().get(0), cfg.warmup());
        }
        List<Map<String, Object>> steps = new ArrayList<>();
        int failedInARow = 0;
        for (double rate : cfg.rates()) {
            Map<String, Object> r = step(String.valueOf((long) rate), rate, cfg.step());
            steps.add(r);
            failedInARow = Boolean.TRUE.equals(r.get("held")) ? 0 : failedInARow + 1;
            if ((failedInARow >= 2 && rate >= cfg.alwaysUpTo()) || !env.server().alive()) {
                break;
            }
        }
        return steps;
    }

    /** The highest offered rate that held (0 when none did). */
    static double saturation(List<Map<String, Object>> steps) {
        return steps.stream().filter(r -> Boolean.TRUE.equals(r.get("held")))
                .mapToDouble(r -> (double) r.get("offeredRate")).max().orElse(0);
    }

    private Map<String, Object> step(String name, double rate, Duration window) throws InterruptedException {
        Thread.sleep(cfg.pause().toMillis());
        Histogram ack = new Histogram(3);
        Histogram del = new Histogram(3);
        Histogram rec = new Histogram(3);
        drainRecorders(ack, del, rec); // discard what arrived between steps
        ack.reset();
        del.reset();
        rec.reset();
        long[] c0 = counters();
        ProcStats.CpuMeter serverCpu = env.newServerCpu();
        ProcStats.CpuMeter selfCpu = env.newSelfCpu();
        long t0 = System.nanoTime();
        sender.start(rate);
        long[] prev = c0;
        int seconds = (int) Math.max(1, window.toSeconds());
        long rssMax = 0;
        for (int sec = 1; sec <= seconds; sec++) {
            sleepUntil(t0 + sec * 1_000_000_000L);
            prev = progress(name, sec + "s", prev, ack, del, rec, serverCpu, selfCpu);
            rssMax = Math.max(rssMax, env.serverRssKb());
        }
        sender.stop();
        double windowSeconds = (System.nanoTime() - t0) / 1e9;
        long[] c1 = counters();
        double serverPct = serverCpu.sinceStart();
        double selfPct = selfCpu.sinceStart();
        long expected = (c1[0] - c0[0]) * cfg.deliveriesPerMessage();
        long drainStart = System.nanoTime();
        boolean drained = false;
        long nextPrint = drainStart + 1_000_000_000L;
        while (System.nanoTime() - drainStart < cfg.drainTimeout().toNanos()) {
            long[] c = counters();
            if (c[1] - c0[1] >= c1[0] - c0[0] && c[2] - c0[2] >= expected) {
                drained = true;
                break;
            }
            Thread.sleep(50);
            if (System.nanoTime() >= nextPrint) {
                prev = progress(name, "drain", prev, ack, del, rec, serverCpu, selfCpu);
                nextPrint += 1_000_000_000L;
            }
        }
        drainRecorders(ack, del, rec);
        long[] c2 = counters();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("offeredRate", rate);
        r.put("windowSeconds", windowSeconds);
        r.put("sent", c1[0] - c0[0]);
        r.put("sentPerSecond", (c1[0] - c0[0]) / windowSeconds);
        r.put("acceptedPerSecond", (c1[1] - c0[1]) / windowSeconds);
        r.put("deliveredPerSecond", (c1[2] - c0[2]) / windowSeconds);
        r.put("receiptsPerSecond", (c1[3] - c0[3]) / windowSeconds);
        r.put("accepted", c2[1] - c0[1]);
        r.put("delivered", c2[2] - c0[2]);
        r.put("expectedDeliveries", expected);
        r.put("drained", drained);
        r.put("drainSeconds", (System.nanoTime() - drainStart) / 1e9);
        r.put("sendToAck", Result.latency(ack));
        r.put("sendToDelivered", Result.latency(del));
        r.put("sendToReceipt", Result.latency(rec));
        r.put("serverCpuPercent", serverPct);
        r.put("generatorCpuPercent", selfPct);
        r.put("serverRssMaxMb", rssMax / 1024.0);
        r.put("errors", c2[4] - c0[4]);
        double p99 = Result.ms(del.getValueAtPercentile(99));
        boolean held = drained && del.getTotalCount() > 0 && p99 <= cfg.p99LimitMs()
                && (c1[2] - c0[2]) / windowSeconds >= 0.95 * rate * cfg.deliveriesPerMessage();
        r.put("held", held);
        System.out.printf("[%s %s/s] step done: offered %.0f/s, delivered %.0f/s, p99 send->delivered %.2f ms, "
                        + "drained %s -> %s%n", env.result.scenario(), name, rate, (c1[2] - c0[2]) / windowSeconds, p99,
                drained, held ? "HELD" : "FAILED");
        return r;
    }

    private long[] progress(String name, String when, long[] prev, Histogram ack, Histogram del, Histogram rec,
                            ProcStats.CpuMeter serverCpu, ProcStats.CpuMeter selfCpu) {
        Histogram a = s.ack.getIntervalHistogram();
        Histogram d = s.delivered.getIntervalHistogram();
        Histogram r = s.receipt.getIntervalHistogram();
        ack.add(a);
        del.add(d);
        rec.add(r);
        long[] now = counters();
        System.out.printf("[%s %s/s] %-5s sent %6d/s  ✓ %6d/s  delivered %7d/s  ✓✓ %6d/s | p50/p99 ms: ✓ %s  "
                        + "delivered %s  ✓✓ %s | cpu server %3.0f%% gen %3.0f%% | server rss %4d MB | errors %d%n",
                env.result.scenario(), name, when, now[0] - prev[0], now[1] - prev[1], now[2] - prev[2],
                now[3] - prev[3], pair(a), pair(d), pair(r), serverCpu.sample(), selfCpu.sample(),
                env.serverRssKb() / 1024, now[4]);
        return now;
    }

    private void drainRecorders(Histogram ack, Histogram del, Histogram rec) {
        add(s.ack, ack);
        add(s.delivered, del);
        add(s.receipt, rec);
    }

    private static void add(Recorder r, Histogram into) {
        into.add(r.getIntervalHistogram());
    }

    private static String pair(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "-/-";
        }
        return String.format("%.1f/%.1f", h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0);
    }

    private long[] counters() {
        return new long[] {s.sent.sum(), s.accepted.sum(), s.deliveries.sum(), s.receipts.sum(), s.errors.sum()};
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }
}
