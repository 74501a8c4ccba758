package dev.parley.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarizes the CPU samples ({@code jdk.ExecutionSample}) of a JFR recording: the methods most often on top of
 * the stack (self time) and the methods most often anywhere on it (total time), each as a share of all samples,
 * plus the threads that were sampled. Lighter than reading {@code jfr print} by hand when looking for a bottleneck.
 */
public final class JfrTop {
    private JfrTop() {
    }

    public static void main(String[] args) throws Exception {
        Options o = new Options(java.util.Arrays.copyOfRange(args, 1, args.length));
        int top = o.integer("top", 25);
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> nativeTop = new HashMap<>();
        Map<String, double[]> cpu = new HashMap<>();
        int samples = 0;
        int nativeSamples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.ThreadCPULoad") && e.getThread("eventThread") != null) {
                String t = e.getThread("eventThread").getJavaName() + "#" + e.getThread("eventThread").getJavaThreadId();
                double[] acc = cpu.computeIfAbsent(t, k -> new double[2]);
                acc[0] += e.getFloat("user") + e.getFloat("system");
                acc[1]++;
                continue;
            }
            if (type.equals("jdk.NativeMethodSample") && e.getStackTrace() != null
                    && !e.getStackTrace().getFrames().isEmpty()) {
                nativeSamples++;
                List<RecordedFrame> f = e.getStackTrace().getFrames();
                String caller = f.stream().map(JfrTop::name).filter(n -> n.startsWith("dev.parley")).findFirst().orElse("");
                nativeTop.merge(name(f.get(0)) + "  <- " + caller, 1, Integer::sum);
                continue;
            }
            if (!type.equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                self.merge(name(frames.get(0)), 1, Integer::sum);
            }
            frames.stream().map(JfrTop::name).distinct().forEach(n -> total.merge(n, 1, Integer::sum));
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("[0-9]+", "N"), 1, Integer::sum);
        }
        System.out.printf("%d execution samples%n", samples);
        print("threads", threads, samples, top);
        print("self (top of stack)", self, samples, top);
        print("total (anywhere on the stack)", total, samples, top);
        System.out.printf("%n%d native-method samples (threads blocked or working in native code: JNI, I/O, fsync)%n",
                nativeSamples);
        print("native: method <- first Parley frame", nativeTop, nativeSamples, top);
        Map<String, Double> groups = new HashMap<>();
        cpu.forEach((thread, acc) -> groups.merge(thread.replaceAll("#.*", "").replaceAll("[0-9]+", "N"),
                acc[0] / acc[1], Double::sum));
        System.out.println("\n-- CPU per thread group (jdk.ThreadCPULoad: mean per thread, summed per group; 1.0 = one core;"
                + " averaged over the whole recording) --");
        groups.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top)
                .forEach(en -> System.out.printf("%6.2f  %s%n", en.getValue(), en.getKey()));
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int top) {
        System.out.println("\n-- " + title + " --");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(en -> System.out.printf("%6.1f%%  %s%n", 100.0 * en.getValue() / Math.max(1, samples), en.getKey()));
    }
}
