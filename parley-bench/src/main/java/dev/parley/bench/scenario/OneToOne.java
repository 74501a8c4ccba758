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

/**
 * B1, one-to-one messaging. {@code --users U} users in pairs, each pair with its direct chat and each user one
 * connected device. An open-loop scheduler sends ~100-byte texts ({@code --text-bytes}) at a constant total rate,
 * round-robin over all users, so both members of every pair send and receive; every device acks its stream every
 * {@code --ack-every} (coalesced), which is what returns ✓✓ to the sender. Per offered rate ({@code --rates},
 * each for {@code --step}) it reports sent/s, ✓/s, delivered/s, ✓✓/s and p50…max of send → ✓, send → delivered
 * and send → ✓✓, timed from the scheduled send time. The saturation point is the highest rate whose p99
 * send → delivered stays under {@code --p99-limit-ms} (100) while keeping up (see {@link RateSteps}).
 */
public final class OneToOne {
    private OneToOne() {
    }

    public static Path run(Options o) throws Exception {
        int users = o.integer("users", 2000) / 2 * 2;
        RateSteps.Config cfg = new RateSteps.Config(
                o.numbers("rates", "500,1000,1500,2000,3000,5000,10000,15000,20000,25000,30000,35000,40000"),
                o.duration("step", "10s"), o.duration("warmup", "5s"), o.duration("drain-timeout", "15s"),
                o.duration("pause", "2s"), o.number("p99-limit-ms", 100), 1, o.number("always-run-up-to", 5000));
        byte[] text = FrameWriter.text(o.integer("text-bytes", 100));
        int concurrency = o.integer("connect-concurrency", 500);
        try (BenchEnv env = new BenchEnv("B1", "", o)) {
            List<Account> accounts = new ArrayList<>();
            List<Long> chats = new ArrayList<>();
            env.seed(stores -> {
                try (Seeder seeder = new Seeder(stores)) {
                    List<User> u = seeder.users("b1u", users);
                    chats.addAll(seeder.pairs(u));
                    accounts.addAll(seeder.devices(u));
                }
            });
            env.startServer();
            List<BenchConnection> conns = new ArrayList<>();
            for (int i = 0; i < accounts.size(); i++) {
                conns.add(new BenchConnection(env.client(), accounts.get(i), chats.get(i / 2), env.stats,
                        new BenchConnection.Events() { }));
            }
            int live = Connector.connectAll(env.client(), conns, concurrency, Duration.ofMinutes(5), env.stats);
            System.out.printf("[B1] %d of %d devices connected and synced%n", live, conns.size());
            env.result.put("users", users);
            env.result.put("connected", live);
            List<Map<String, Object>> steps = new RateSteps(env, new OpenLoop(env.client(), text), cfg).run();
            env.result.put("steps", steps);
            double saturation = RateSteps.saturation(steps);
            env.result.put("saturationRate", saturation);
            Summary.steps("B1 one-to-one, " + users + " users", steps);
            env.result.target("B1 saturation (msgs/s)", ">= 33000", saturation, saturation >= 33000);
            steps.stream().filter(s -> (double) s.get("offeredRate") == 5000).findFirst().ifPresent(s -> {
                double p99 = (double) ((Map<?, ?>) s.get("sendToDelivered")).get("p99");
                env.result.target("B1 p99 send->delivered at 5000/s (ms)", "<= 3", p99, p99 <= 3);
            });
            if (steps.stream().noneMatch(s -> (double) s.get("offeredRate") == 5000)) {
                env.result.target("B1 p99 send->delivered at 5000/s (ms)", "<= 3", "not run (no 5000 in --rates)", false);
            }
            conns.forEach(BenchConnection::close);
            return env.finish();
        }
    }
}
