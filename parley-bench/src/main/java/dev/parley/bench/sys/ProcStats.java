package dev.parley.bench.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and memory of one process from {@code /proc/<pid>/stat} and {@code /proc/<pid>/status}. The server
 * and the load generator share the machine's cores, so each is read separately: {@link CpuMeter} turns two
 * readings into "percent of one core" over the interval between them (200 % = both cores of a 2-core machine).
 */
public final class ProcStats {
    /** Clock ticks per second of utime/stime ({@code getconf CLK_TCK}; 100 on Linux/x86-64). */
    public static final long CLK_TCK = 100;

    private ProcStats() {
    }

    /** utime + stime of the process, in nanoseconds; -1 when the process is gone. */
    public static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // comm (field 2) may contain spaces: fields after the last ')' start at field 3 (state)
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15
            return ticks * (1_000_000_000L / CLK_TCK);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A field of {@code /proc/<pid>/status} in kB (VmRSS, VmHWM, RssAnon …); -1 when unavailable. */
    public static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** A field of {@code /proc/meminfo} in kB; -1 when unavailable. */
    public static long statusKbOfMeminfo(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    public static long rssKb(long pid) {
        return statusKb(pid, "VmRSS");
    }

    /** Number of open file descriptors of the process (entries of /proc/pid/fd); -1 when unreadable. */
    public static long openFiles(long pid) {
        try (var s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return s.count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** CPU use of a process between successive {@link #sample()} calls. */
    public static final class CpuMeter {
        private final long pid;
        private long lastCpu;
        private long lastWall;
        private final long startCpu;
        private final long startWall;

        public CpuMeter(long pid) {
            this.pid = pid;
            this.lastCpu = cpuNanos(pid);
            this.lastWall = System.nanoTime();
            this.startCpu = lastCpu;
            this.startWall = lastWall;
        }

        /** Percent of one core used since the previous sample (or since creation). */
        public double sample() {
            long cpu = cpuNanos(pid);
            long wall = System.nanoTime();
            double pct = wall == lastWall ? 0 : 100.0 * (cpu - lastCpu) / (wall - lastWall);
            lastCpu = cpu;
            lastWall = wall;
            return pct;
        }

        /** Percent of one core used since creation. */
        public double sinceStart() {
            long wall = System.nanoTime();
            return wall == startWall ? 0 : 100.0 * (cpuNanos(pid) - startCpu) / (wall - startWall);
        }

        /** CPU seconds used since creation. */
        public double cpuSecondsSinceStart() {
            return (cpuNanos(pid) - startCpu) / 1e9;
        }
    }
}
