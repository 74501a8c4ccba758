package dev.parley.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Command-line options of a scenario: {@code --name value} pairs (and bare {@code --flag}s), read with a default.
 * Every option read is remembered with its effective value, so a result file records exactly what ran.
 */
public final class Options {
    private final Map<String, String> given = new LinkedHashMap<>();
    private final Map<String, Object> used = new TreeMap<>();
    private final List<String> raw;

    public Options(String[] args) {
        this.raw = List.of(args);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got '" + a + "'");
            }
            String name = a.substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                given.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                given.put(name, args[++i]);
            } else {
                given.put(name, "true");
            }
        }
    }

    public String string(String name, String fallback) {
        String v = given.getOrDefault(name, fallback);
        used.put(name, v);
        return v;
    }

    public int integer(String name, int fallback) {
        int v = Integer.parseInt(given.getOrDefault(name, String.valueOf(fallback)).replace("_", ""));
        used.put(name, v);
        return v;
    }

    public long longValue(String name, long fallback) {
        long v = Long.parseLong(given.getOrDefault(name, String.valueOf(fallback)).replace("_", ""));
        used.put(name, v);
        return v;
    }

    public double number(String name, double fallback) {
        double v = Double.parseDouble(given.getOrDefault(name, String.valueOf(fallback)));
        used.put(name, v);
        return v;
    }

    public boolean flag(String name) {
        boolean v = Boolean.parseBoolean(given.getOrDefault(name, "false"));
        used.put(name, v);
        return v;
    }

    /** A duration like {@code 10s}, {@code 500ms} or {@code 2m} (a bare number is seconds). */
    public Duration duration(String name, String fallback) {
        String v = given.getOrDefault(name, fallback).trim();
        used.put(name, v);
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
        }
        return Duration.ofMillis((long) (Double.parseDouble(v.endsWith("s") ? v.substring(0, v.length() - 1) : v) * 1000));
    }

    /** A comma-separated list of numbers, e.g. {@code 1000,2000,5000}. */
    public List<Double> numbers(String name, String fallback) {
        String v = given.getOrDefault(name, fallback);
        used.put(name, v);
        List<Double> out = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(Double.parseDouble(s.trim().replace("_", "")));
            }
        }
        return out;
    }

    /** Options that were given but never read: most likely a typo. */
    public List<String> unused() {
        return given.keySet().stream().filter(k -> !used.containsKey(k)).toList();
    }

    /** The effective value of every option read so far. */
    public Map<String, Object> effective() {
        return Map.copyOf(used);
    }

    public List<String> raw() {
        return raw;
    }

    @Override
    public String toString() {
        return String.join(" ", raw) + " " + Arrays.toString(unused().toArray());
    }
}
