package dev.parley.bench;

import dev.parley.bench.chart.Charts;
import dev.parley.bench.scenario.GroupFanout;
import dev.parley.bench.scenario.IdleConnections;
import dev.parley.bench.scenario.OneToOne;
import dev.parley.bench.scenario.ReconnectStorm;
import dev.parley.bench.scenario.Startup;
import java.util.Arrays;

/**
 * {@code java -jar parley-bench.jar COMMAND [--option value …]} — usually through {@code parley-bench/run.sh}.
 * Commands: the scenarios B1 … B5 (see their classes), {@code jmh [JMH args]} (the JMH benchmarks of the hot
 * paths), {@code charts RESULT.json …} (PNG charts of results) and {@code jfr-top FILE.jfr} (where a JFR
 * recording spent its CPU samples).
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0].toUpperCase()) {
            case "B1" -> OneToOne.run(new Options(rest));
            case "B2" -> GroupFanout.run(new Options(rest));
            case "B3" -> IdleConnections.run(new Options(rest));
            case "B4" -> ReconnectStorm.run(new Options(rest));
            case "B5" -> Startup.run(new Options(rest));
            case "JMH" -> org.openjdk.jmh.Main.main(rest);
            case "CHARTS" -> Charts.main(rest);
            case "JFR-TOP" -> JfrTop.main(rest);
            default -> {
                usage();
                System.exit(2);
            }
        }
        System.exit(0);
    }

    private static void usage() {
        System.err.println("""
                usage: parley-bench.jar COMMAND [--option value ...]
                  B1       one-to-one: open-loop rate steps, latency, saturation point
                  B2       group fan-out (--group-size 100|1024): deliveries/s and latency
                  B3       idle authenticated connections: server RSS and heap per connection
                  B4       reconnect storm: N devices x M backlog reconnect at once
                  B5       start-to-ready with a 10M-message database (built once, cached)
                  jmh      JMH benchmarks of the hot paths (JMH's own options follow)
                  charts   RESULT.json ... -> PNG charts next to the results
                  jfr-top  FILE.jfr [--top N] -> hottest methods of a JFR recording
                see docs/benchmarks.md""");
    }
}
