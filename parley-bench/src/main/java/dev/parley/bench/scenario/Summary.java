package dev.parley.bench.scenario;

import java.util.List;
import java.util.Map;

/** The summary tables printed at the end of a scenario. */
final class Summary {
    private Summary() {
    }

    /** One row per offered rate of a stepped scenario (B1, B2). */
    static void steps(String title, List<Map<String, Object>> steps) {
        System.out.println();
        System.out.println("== " + title + " ==");
        System.out.printf("%9s %9s %9s %10s %9s | %-27s | %-27s | %-22s | %5s %5s | %s%n", "offered/s", "sent/s",
                "✓/s", "deliv./s", "✓✓/s", "send→✓ p50/p99/p99.9/max", "send→delivered p50/p99/p99.9/max",
                "send→✓✓ p50/p99/max", "srv%", "gen%", "result");
        for (Map<String, Object> s : steps) {
            System.out.printf("%9.0f %9.0f %9.0f %10.0f %9.0f | %-27s | %-33s | %-22s | %5.0f %5.0f | %s%n",
                    (double) s.get("offeredRate"), (double) s.get("sentPerSecond"), (double) s.get("acceptedPerSecond"),
                    (double) s.get("deliveredPerSecond"), (double) s.get("receiptsPerSecond"),
                    four(s.get("sendToAck")), four(s.get("sendToDelivered")), three(s.get("sendToReceipt")),
                    (double) s.get("serverCpuPercent"), (double) s.get("generatorCpuPercent"),
                    Boolean.TRUE.equals(s.get("held")) ? "held" : "FAILED" + (Boolean.TRUE.equals(s.get("drained"))
                            ? "" : " (not drained)"));
        }
        System.out.println("latencies in ms; srv%/gen%: CPU of the server / the load generator, 100 = one core");
    }

    /** Rows of label → value. */
    static void table(String title, Map<String, ?> rows) {
        System.out.println();
        System.out.println("== " + title + " ==");
        rows.forEach((k, v) -> System.out.printf("  %-45s %s%n", k, v instanceof Double d ? String.format("%.2f", d) : v));
    }

    private static String four(Object latency) {
        Map<?, ?> m = (Map<?, ?>) latency;
        return m.get("p50") + "/" + m.get("p99") + "/" + m.get("p999") + "/" + m.get("max");
    }

    private static String three(Object latency) {
        Map<?, ?> m = (Map<?, ?>) latency;
        return m.get("p50") + "/" + m.get("p99") + "/" + m.get("max");
    }
}
