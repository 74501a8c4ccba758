package dev.parley.bench.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Turns the result files of the stepped scenarios (B1, B2) into PNG charts with XChart (pure Java, headless; no
 * Python needed): latency percentiles against the offered rate (log scale, with the 100 ms saturation limit),
 * throughput against the offered rate, and CPU of server and generator. Written to {@code <results>/charts/}
 * as {@code <result name>-latency.png}, {@code -throughput.png}, {@code -cpu.png}.
 */
public final class Charts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Charts() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        for (String a : args) {
            Path file = Path.of(a);
            JsonNode root = JSON.readTree(file.toFile());
            if (!root.has("steps")) {
                System.out.println(file + ": no rate steps, no chart");
                continue;
            }
            Path dir = file.toAbsolutePath().getParent().resolve("charts");
            Files.createDirectories(dir);
            String base = file.getFileName().toString().replaceFirst("\\.json$", "");
            String title = title(root);
            List<JsonNode> steps = new ArrayList<>();
            root.get("steps").forEach(steps::add);
            latency(steps, title, dir.resolve(base + "-latency.png"));
            throughput(steps, title, root, dir.resolve(base + "-throughput.png"));
            cpu(steps, title, dir.resolve(base + "-cpu.png"));
        }
    }

    private static String title(JsonNode root) {
        String s = root.get("scenario").asText();
        String ack = root.path("options").path("ack-every").asText("100ms");
        String acks = ack.equals("0") ? ", no acks" : ", acks after " + ack;
        if (s.equals("B2")) {
            return "B2 group fan-out, " + root.path("groups").asInt() + " groups of " + root.path("groupSize").asInt()
                    + acks;
        }
        return "B1 one-to-one, " + root.path("users").asInt() + " users" + acks;
    }

    private static void latency(List<JsonNode> steps, String title, Path out) throws IOException {
        XYChart c = chart(title + ": latency vs offered rate", "offered rate (messages/s)", "latency (ms, log scale)");
        c.getStyler().setYAxisLogarithmic(true);
        series(c, steps, "send→delivered p50", s -> s.path("sendToDelivered").path("p50").asDouble());
        series(c, steps, "send→delivered p99", s -> s.path("sendToDelivered").path("p99").asDouble());
        series(c, steps, "send→delivered p99.9", s -> s.path("sendToDelivered").path("p999").asDouble());
        series(c, steps, "send→✓ (accepted) p99", s -> s.path("sendToAck").path("p99").asDouble());
        series(c, steps, "send→✓✓ (receipt) p99", s -> s.path("sendToReceipt").path("p99").asDouble());
        List<Double> x = xs(steps);
        XYSeries limit = c.addSeries("100 ms limit", List.of(x.get(0), x.get(x.size() - 1)), List.of(100.0, 100.0));
        limit.setMarker(SeriesMarkers.NONE);
        save(c, out);
    }

    private static void throughput(List<JsonNode> steps, String title, JsonNode root, Path out) throws IOException {
        boolean group = root.get("scenario").asText().equals("B2");
        XYChart c = chart(title + ": throughput vs offered rate", "offered rate (messages/s)",
                group ? "per second" : "messages per second");
        series(c, steps, "offered", s -> s.path("offeredRate").asDouble());
        series(c, steps, "sent/s", s -> s.path("sentPerSecond").asDouble());
        series(c, steps, "accepted (✓)/s", s -> s.path("acceptedPerSecond").asDouble());
        series(c, steps, group ? "deliveries/s (÷" + (root.path("groupSize").asInt() - 1) + ")" : "delivered/s",
                s -> s.path("deliveredPerSecond").asDouble() / (group ? root.path("groupSize").asInt() - 1 : 1));
        series(c, steps, "receipts (✓✓)/s", s -> s.path("receiptsPerSecond").asDouble());
        save(c, out);
    }

    private static void cpu(List<JsonNode> steps, String title, Path out) throws IOException {
        XYChart c = chart(title + ": CPU vs offered rate", "offered rate (messages/s)", "CPU (% of one core; 200 = both)");
        series(c, steps, "server", s -> s.path("serverCpuPercent").asDouble());
        series(c, steps, "load generator", s -> s.path("generatorCpuPercent").asDouble());
        save(c, out);
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(900).height(520).title(title).xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        return c;
    }

    private static void series(XYChart c, List<JsonNode> steps, String name, Function<JsonNode, Double> y) {
        List<Double> ys = steps.stream().map(s -> Math.max(0.01, y.apply(s))).toList();
        c.addSeries(name, xs(steps), ys);
    }

    private static List<Double> xs(List<JsonNode> steps) {
        return steps.stream().map(s -> s.path("offeredRate").asDouble()).toList();
    }

    private static void save(XYChart c, Path out) throws IOException {
        BitmapEncoder.saveBitmap(c, out.toString(), BitmapEncoder.BitmapFormat.PNG);
        System.out.println("chart: " + out);
    }
}
