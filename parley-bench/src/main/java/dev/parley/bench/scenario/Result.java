package dev.parley.bench.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The JSON result of one scenario run, written to {@code parley-bench/results/<scenario>[-label]-<time>.json}:
 * options, machine, load averages, the measurements and how they compare with the targets.
 */
public final class Result {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final String scenario;
    private final String label;
    private final Path dir;
    private final Map<String, Object> root = new LinkedHashMap<>();

    Result(String scenario, String label, Path dir) {
        this.scenario = scenario;
        this.label = label;
        this.dir = dir;
        root.put("scenario", scenario);
        root.put("label", label);
        root.put("startedAt", LocalDateTime.now().toString());
    }

    String scenario() {
        return scenario;
    }

    void put(String key, Object value) {
        root.put(key, value);
    }

    /** Records a target: what was asked, what was measured, and whether it was met. */
    void target(String name, String goal, Object measured, boolean met) {
        @SuppressWarnings("unchecked")
        Map<String, Object> targets = (Map<String, Object>) root.computeIfAbsent("targets", k -> new LinkedHashMap<>());
        targets.put(name, Map.of("goal", goal, "measured", measured, "met", met));
        System.out.printf("  target %-40s goal %-22s measured %-14s %s%n", name, goal, measured, met ? "MET" : "MISSED");
    }

    Path write() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path file = dir.resolve(scenario + (label.isEmpty() ? "" : "-" + label) + "-" + stamp + ".json");
        try {
            Files.createDirectories(dir);
            JSON.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("result: " + file);
        return file;
    }

    /** p50 … max of a latency histogram in milliseconds (values are recorded in microseconds). */
    static Map<String, Object> latency(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        m.put("p50", ms(h.getValueAtPercentile(50)));
        m.put("p95", ms(h.getValueAtPercentile(95)));
        m.put("p99", ms(h.getValueAtPercentile(99)));
        m.put("p999", ms(h.getValueAtPercentile(99.9)));
        m.put("max", ms(h.getMaxValue()));
        m.put("mean", Math.round(h.getMean()) / 1000.0);
        return m;
    }

    static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }
}
