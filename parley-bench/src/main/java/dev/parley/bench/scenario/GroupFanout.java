package dev.parley.bench.scenario;

import dev.parley.bench.Options;
import dev.parley.bench.client.BenchConnection;
import dev.parley.bench.client.Connector;
import dev.parley.bench.client.FrameWriter;
import dev.parley.bench.seed.Seeder;
import dev.parley.bench.seed.Seeder.Account;
import dev.parley.core.model.User;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * B2, group fan-out. {@code --groups K} groups of {@code --group-size G} members (100 or 1024), every member one
 * connected device. Messages are sent open-loop at a constant total rate round-robin over all members (so every
 * group gets rate / K messages per second), each fanned out to G − 1 other members. Reports deliveries/s (message
 * updates received by members other than the sender) and the latency of each delivery from the scheduled send
 * time, per offered rate; members ack every {@code --ack-every}, which drives the senders' {@code groupReceipt}
 * (✓✓). Default rates are chosen from the group size to offer 2,500 … 150,000 deliveries/s.
 */
public final class GroupFanout {
    private GroupFanout() {
    }

    public static Path run(Options o) throws Exception {
        int size = o.integer("group-size", 100);
        int groups = o.integer("groups", size >= 1000 ? 2 : 10);
        String defaults = List.of(2_500, 5_000, 10_000, 20_000, 40_000, 60_000, 80_000, 100_000, 125_000, 150_000).stream()
                // rounded up: a step offers at least its nominal deliveries/s (rounded, 60,000 / 99 gave 606
                // msgs/s = 59,994/s, a step that could never show the 60,000 of the target)
                .map(d -> String.valueOf(Math.max(1, (long) Math.ceil(d / (double) (size - 1)))))
                .collect(Collectors.joining(","));
        RateSteps.Config cfg = new RateSteps.Config(o.numbers("rates", defaults), o.duration("step", "10s"),
                o.duration("warmup", "5s"), o.duration("drain-timeout", "20s"), o.duration("pause", "2s"),
                o.number("p99-limit-ms", 100), size - 1, 0);
        byte[] text = FrameWriter.text(o.integer("text-bytes", 100));
        int concurrency = o.integer("connect-concurrency", 500);
        try (BenchEnv env = new BenchEnv("B2", "g" + size, o)) {
            List<Account> accounts = new ArrayList<>();
            List<Long> chats = new ArrayList<>();
            env.seed(stores -> {
                try (Seeder seeder = new Seeder(stores)) {
                    List<User> u = seeder.users("b2u", size * groups);
                    chats.addAll(seeder.groups(u, size, "bench"));
                    accounts.addAll(seeder.devices(u));
                }
            });
            env.startServer();
            List<BenchConnection> conns = new ArrayList<>();
            for (int i = 0; i < accounts.size(); i++) {
                conns.add(new BenchConnection(env.client(), accounts.get(i), chats.get(i / size), env.stats,
                        new BenchConnection.Events() { }));
            }
            int live = Connector.connectAll(env.client(), conns, concurrency, Duration.ofMinutes(5), env.stats);
            System.out.printf("[B2] %d of %d members connected and synced (%d groups of %d)%n", live, conns.size(),
                    groups, size);
            env.result.put("groupSize", size);
            env.result.put("groups", groups);
            env.result.put("connected", live);
            List<Map<String, Object>> steps = new RateSteps(env, new OpenLoop(env.client(), text), cfg).run();
            env.result.put("steps", steps);
            double saturation = RateSteps.saturation(steps);
            env.result.put("saturationRate", saturation);
            env.result.put("saturationDeliveriesPerSecond", saturation * (size - 1));
            Summary.steps("B2 group fan-out, " + groups + " groups of " + size + " (rates in msgs/s; ×" + (size - 1)
                    + " deliveries)", steps);
            double best = steps.stream().filter(s -> Boolean.TRUE.equals(s.get("held")))
                    .mapToDouble(s -> (double) s.get("deliveredPerSecond")).max().orElse(0);
            if (size == 100) {
                env.result.target("B2 deliveries/s, 100-member groups, p99<=100ms", ">= 60000", Math.round(best),
                        best >= 60_000);
            } else {
                env.result.target("B2 deliveries/s, " + size + "-member groups, p99<=100ms", "(no target)",
                        Math.round(best), true);
            }
            conns.forEach(BenchConnection::close);
            return env.finish();
        }
    }
}
